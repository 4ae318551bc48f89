// Reading requests and writing JSON replies over node:http. Errors look like
// DrChrono's (Django REST framework): `{"detail": "..."}`.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A reply before it is written. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An input error the handler turns into a 400. */
export class BadRequest extends Error {}

/** A `{"detail": ...}` error reply. */
export function errorReply(status: number, detail: string, headers?: Record<string, string>): Reply {
  return { status, body: { detail }, ...(headers ? { headers } : {}) };
}

/** DrChrono's 404 body. */
export const NOT_FOUND: Reply = { status: 404, body: { detail: 'Not found.' } };

/** A 200 JSON reply. */
export function ok(body: unknown): Reply {
  return { status: 200, body };
}

// Control, token and bulk bodies are small; refuse anything silly.
const MAX_BODY_BYTES = 1_000_000;

/** Reads the raw body as UTF-8. */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON or form-encoded body into a plain object (empty body → {}). */
export async function readFields(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readText(req)).trim();
  if (text === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadRequest('body must be a JSON object');
    return parsed as Record<string, unknown>;
  } catch (err) {
    if (err instanceof BadRequest) throw err;
    throw new BadRequest('body is not valid JSON');
  }
}

/** Writes a reply in full. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  const body = reply.status === 302 || reply.status === 204 ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body), 'utf8');
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    ...reply.headers,
  });
  res.end(body);
}
