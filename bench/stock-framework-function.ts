/**
 * A reference beside ours and the bare server: the bare server's exact work
 * (verify the HMAC, one INSERT, answer) registered with the Functions
 * Framework's own `http()`, so served by its stock Express app (five body
 * parsers, an AsyncLocalStorage context, a timeout controller and a Node domain
 * per request). Ours is registered through shared/http/register-http-function.ts
 * and served by node:http directly; this shows what that saves.
 *
 * Run it after ours and the bare server: its first request creates a domain,
 * which turns on a process-wide async hook for the rest of the process.
 */
import type { Request, Response } from '@google-cloud/functions-framework';
import { http } from '@google-cloud/functions-framework';
import type pg from 'pg';
import { storeBareDelivery } from './bare-webhook-server.js';

/** The Functions Framework target name of the reference function. */
export const STOCK_FRAMEWORK_TARGET = 'benchStockFramework';

// Node's own writeHead/end, as the bare server answers: Express's send() would add its own cost to the framework's.
function reply(res: Response, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Registers the reference function over `pool`; BARE_TABLE must exist (startBareWebhookServer creates it). */
export function registerStockFramework(pool: pg.Pool, secret: string): void {
  http(STOCK_FRAMEWORK_TARGET, (req: Request, res: Response) => {
    const body = Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0);
    storeBareDelivery(pool, secret, req.headers, body)
      .then((answer) => reply(res, answer.status, answer.body))
      .catch(() => reply(res, 500, '{"error":"failed"}'));
  });
}
