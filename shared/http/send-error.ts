/** The one place where an error becomes an HTTP answer (STYLE.md's error taxonomy). */
import { randomUUID } from 'node:crypto';
import { databaseUnavailable } from '../db/database-unavailable.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log/logger.js';
import type { HttpResponse } from './http-types.js';
import { sendJson } from './send-json.js';

/** Seconds a retryable error asks the caller to wait when it names no delay itself. */
const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** The JSON body we answer for an AppError: its code, its (safe) message and its details. */
export function errorBody(err: AppError): { error: Record<string, unknown> } {
  return { error: { ...err.details, code: err.code, message: err.message } };
}

/**
 * Answers `err`: an AppError maps to its status and JSON body (+ Retry-After
 * when retryable), and so does a database that cannot serve now (503
 * database_unavailable); anything else is a 500 that reveals nothing. Only the
 * error's name/code is logged for unknown errors, because their message may
 * quote a body or a row (PHI).
 */
export function sendError(res: HttpResponse, thrown: unknown, log: Logger, correlationId: string = randomUUID()): void {
  const err = databaseUnavailable(thrown) ?? thrown;
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.kind === 'retryable') {
      headers['Retry-After'] = String(Math.max(1, Math.ceil(err.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)));
    }
    const level = err.kind === 'retryable' || err.kind === 'permanent' ? 'warn' : 'info';
    // A recognised driver error keeps its own code in the log (errno or SQLSTATE: no data) for the diagnosis.
    log[level]('request failed', { correlationId, kind: err.kind, code: err.code, status: err.status, causeCode: err === thrown ? undefined : errorCodeOf(thrown) });
    sendJson(res, err.status, errorBody(err), headers);
    return;
  }
  const name = err instanceof Error ? err.name : typeof err;
  const code = errorCodeOf(err);
  log.error('unexpected error', { correlationId, errorName: name, errorCode: code });
  sendJson(res, 500, { error: { code: 'internal', message: 'internal error', correlationId } });
}

// Driver errors carry a `code` (pg SQLSTATE, errno names): safe and useful to log.
function errorCodeOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
  }
  return undefined;
}
