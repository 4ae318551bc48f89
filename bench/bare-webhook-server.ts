/**
 * The webhook-ingest baseline: a bare Node `http` server that verifies the same
 * hex HMAC-SHA256 of the body (constant time) and does one INSERT of the body
 * per request, over one pg.Pool. No framework, no JSON parse, no logging: the
 * floor any real handler pays for "verify + store + answer".
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';

/** The scratch table the baseline writes to (created in the bench database, not part of our schema). */
export const BARE_TABLE = 'bench_bare_webhooks';

export interface BareWebhookServer {
  url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function signatureMatches(given: string | string[] | undefined, body: Buffer, secret: string): boolean {
  const want = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
  const got = Buffer.from(typeof given === 'string' ? given.trim().toLowerCase() : '');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Creates the scratch table the baseline writes to. */
async function createBareTable(pool: pg.Pool): Promise<void> {
  await pool.query(`create table if not exists ${BARE_TABLE} (id bigserial primary key, delivery_id text, body text not null)`);
}

/** The baseline's whole job for one delivery: verify the HMAC, one INSERT, and the answer to send. */
export async function storeBareDelivery(pool: pg.Pool, secret: string, headers: IncomingHttpHeaders, body: Buffer): Promise<{ status: number; body: string }> {
  if (!signatureMatches(headers['x-drchrono-signature'], body, secret)) return { status: 401, body: '{"error":"bad_signature"}' };
  const deliveryId = headers['x-drchrono-delivery'];
  await pool.query(`insert into ${BARE_TABLE} (delivery_id, body) values ($1, $2)`, [typeof deliveryId === 'string' ? deliveryId : null, body.toString('utf8')]);
  return { status: 200, body: '{"received":true}' };
}

/** Creates the scratch table and serves POST deliveries on loopback. */
export async function startBareWebhookServer(pool: pg.Pool, secret: string): Promise<BareWebhookServer> {
  await createBareTable(pool);
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => storeBareDelivery(pool, secret, req.headers, body))
      .then((answer) => reply(res, answer.status, answer.body))
      .catch(() => reply(res, 500, '{"error":"failed"}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
