// Reading JSON requests and writing JSON replies over node:http, including the
// deliberately broken "headers and half a body, then reset" reply.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A reply before it is written: errors are always `{"success":false,"error":...}`. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A JSON error reply. */
export function errorReply(status: number, error: string, headers?: Record<string, string>): Reply {
  return { status, body: { success: false, error }, ...(headers ? { headers } : {}) };
}

// Control and webhook bodies are small; refuse anything silly.
const MAX_BODY_BYTES = 1_000_000;

/** Reads a JSON body; an empty body reads as `{}`; throws BadRequest on bad JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('body too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
}

/** An input error the handler turns into a 400. */
export class BadRequest extends Error {}

function encode(reply: Reply): { body: Buffer; headers: Record<string, string | number> } {
  const body = Buffer.from(JSON.stringify(reply.body), 'utf8');
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...reply.headers };
  return { body, headers };
}

/** Writes a reply in full. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  const { body, headers } = encode(reply);
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** Writes the headers (promising the full length) and `afterBytes` of the body, then resets the socket. */
export function sendPartialThenDrop(res: ServerResponse, reply: Reply, afterBytes: number | undefined): void {
  const { body, headers } = encode(reply);
  const cut = Math.min(body.length - 1, afterBytes ?? Math.floor(body.length / 2));
  res.writeHead(reply.status, headers);
  res.flushHeaders();
  const destroy = (): void => {
    res.socket?.destroy();
  };
  if (cut <= 0) setImmediate(destroy);
  else res.write(body.subarray(0, cut), destroy);
}
