/**
 * How one of our HTTP functions is called per request when node:http hosts it
 * directly (see register-http-function.ts for why): what the Functions
 * Framework's Express app did for us, and no more.
 *
 * - `/favicon.ico` and `/robots.txt` answer 404 without calling the function,
 *   as the framework's default ignored routes do.
 * - The body is read whole into `req.rawBody` (inflated if compressed; 413,
 *   415 or 400 with a JSON error otherwise). It is not parsed: our functions
 *   read JSON from those bytes themselves, so a body that does not parse
 *   reaches them (a webhook stores it before answering its own 400).
 * - A function that throws or rejects before answering gets a 500 JSON error
 *   with the framework's `X-Google-Status: crash`; only the error's name is
 *   logged, since its message may quote a body (PHI). One that fails after its
 *   headers went out has its response cut off rather than left hanging.
 *
 * Left out on purpose: the framework's per-request domain, execution-id
 * context and abort-on-timeout controller (none of our functions use them;
 * Cloud Run enforces the request timeout itself), and Express's request and
 * response helpers (our handlers are typed against node:http's own shapes).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createLogger } from '../log/logger.js';
import type { Logger } from '../log/logger.js';
import type { HttpRequest } from './http-types.js';
import { BodyReadError, MAX_REQUEST_BODY_BYTES, readRequestBody } from './read-request-body.js';
import { sendJson } from './send-json.js';

/** An HTTP function as node:http hosts it: our handlers take these (and Express's subtypes of them). */
export type PlainHttpFunction = (req: HttpRequest & IncomingMessage, res: ServerResponse) => unknown;

export interface PlainListenerOptions {
  /** Name in log lines, e.g. the function's target. */
  target: string;
  /** Paths (and what lies below them) answered 404 without calling the function. */
  ignoredPaths?: readonly string[];
  limitBytes?: number;
  log?: Logger;
}

/** The framework's defaults for HTTP functions: crawlers and browsers asking for these should not invoke the function. */
export const DEFAULT_IGNORED_PATHS: readonly string[] = ['/favicon.ico', '/robots.txt'];

/** Framework header telling the platform the execution crashed (FUNCTION_STATUS_HEADER_FIELD). */
const CRASH_HEADER = 'X-Google-Status';

const hostLog = createLogger({ base: { service: 'rxbridge' } });

/** The request listener that runs `fn` for every request a server receives. */
export function plainRequestListener(fn: PlainHttpFunction, options: PlainListenerOptions): RequestListener {
  const log = options.log ?? hostLog;
  const ignored = (options.ignoredPaths ?? DEFAULT_IGNORED_PATHS).map((p) => p.toLowerCase());
  const limit = options.limitBytes ?? MAX_REQUEST_BODY_BYTES;

  const crashed = (res: ServerResponse, err: unknown): void => {
    log.error('function threw', { function: options.target, errorName: err instanceof Error ? err.name : typeof err });
    if (res.writableEnded) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } }, { [CRASH_HEADER]: 'crash' });
  };

  const invoke = (req: IncomingMessage & HttpRequest, res: ServerResponse): void => {
    try {
      const ret = fn(req, res);
      if (ret instanceof Promise) ret.catch((err: unknown) => crashed(res, err));
    } catch (err) {
      crashed(res, err);
    }
  };

  return (req: IncomingMessage & HttpRequest, res: ServerResponse) => {
    if (isIgnored(req.url, ignored)) {
      req.resume();
      res.statusCode = 404;
      res.end();
      return;
    }
    readRequestBody(req, limit).then(
      (body) => {
        req.rawBody = body;
        invoke(req, res);
      },
      (err: unknown) => {
        if (err instanceof BodyReadError) {
          log.info('request body refused', { function: options.target, status: err.status, code: err.code });
          // A body we stopped reading may still be arriving: close the connection after answering.
          sendJson(res, err.status, { error: { code: err.code, message: err.message } }, err.status === 413 ? { Connection: 'close' } : {});
        } else res.destroy(); // the client left mid-body: nobody to answer
      },
    );
  };
}

function isIgnored(url: string | undefined, ignored: readonly string[]): boolean {
  if (ignored.length === 0) return false;
  const q = (url ?? '/').indexOf('?');
  const path = (q === -1 ? (url ?? '/') : (url ?? '/').slice(0, q)).toLowerCase();
  return ignored.some((p) => path === p || path.startsWith(`${p}/`));
}
