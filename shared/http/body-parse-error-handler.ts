/**
 * For servers we own (the local dev server): express error middleware that
 * answers body-parser's JSON syntax errors with our JSON `bad_json` error.
 *
 * Why: the Functions Framework runs body-parser's JSON parser before any user
 * code and has no error middleware, so a body sent as `application/json` that
 * does not parse is answered by Express's final handler with an HTML 400 and
 * never reaches our handler (node_modules/@google-cloud/functions-framework/
 * build/src/server.js). Our handlers give JSON `bad_json` for every body they
 * see; servers we control should install this or hand handlers the raw bytes.
 */
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log/logger.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import { sendError } from './send-error.js';

/** Builds `(err, req, res, next)` that maps `entity.parse.failed` to 400 bad_json and passes anything else on. */
export function createBodyParseErrorHandler(log: Logger) {
  return (err: unknown, _req: HttpRequest, res: HttpResponse, next: (err?: unknown) => void): void => {
    if (typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.parse.failed') {
      sendError(res, new AppError('input', 'bad_json', 'body is not valid JSON'), log);
      return;
    }
    next(err);
  };
}
