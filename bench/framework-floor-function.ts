/**
 * A reference point between the bare server and ours: the bare server's exact
 * work (verify the HMAC, one INSERT, answer) hosted by the Functions Framework
 * as Cloud Functions hosts ours, so like ours without the framework's
 * per-request domain (shared/http/run-without-request-domain.ts). What it
 * loses against the bare server is the framework's cost (Express, five body
 * parsers, an AsyncLocalStorage context per request), which every function
 * deployed there pays; what ours loses against it is our own.
 */
import '../shared/http/framework-adjustments.js';
import type { Request, Response } from '@google-cloud/functions-framework';
import { http } from '@google-cloud/functions-framework';
import type pg from 'pg';
import { storeBareDelivery } from './bare-webhook-server.js';

/** The Functions Framework target name of the reference function. */
export const FRAMEWORK_FLOOR_TARGET = 'benchFrameworkFloor';

// Node's own writeHead/end, as the bare server answers: Express's send() would add its own cost to the framework's.
function reply(res: Response, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Registers the reference function over `pool`; BARE_TABLE must exist (startBareWebhookServer creates it). */
export function registerFrameworkFloor(pool: pg.Pool, secret: string): void {
  http(FRAMEWORK_FLOOR_TARGET, (req: Request, res: Response) => {
    const body = Buffer.isBuffer(req.rawBody) ? req.rawBody : Buffer.alloc(0);
    storeBareDelivery(pool, secret, req.headers, body)
      .then((answer) => reply(res, answer.status, answer.body))
      .catch(() => reply(res, 500, '{"error":"failed"}'));
  });
}
