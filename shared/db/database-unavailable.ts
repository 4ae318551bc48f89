/**
 * Recognises the driver errors that mean "the database cannot serve now" (no
 * pooled connection in time, connection refused or dropped, server starting,
 * shutting down or out of connections), so callers get a 503 with Retry-After
 * and redeliver, instead of a 500 that reads as our bug.
 */
import { AppError } from '../errors/app-error.js';

/** Seconds a caller is asked to wait: a pool frees up or a failover finishes in seconds, not minutes. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// pg-pool and pg raise these as plain Errors without a code.
const DRIVER_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  // A query on a client whose connection has already dropped (e.g. the server ended the session first).
  'Client has encountered a connection error and is not queryable',
];
const SOCKET_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE: class 08 connection exception, 53300 too_many_connections, 57P01–57P03 admin/crash shutdown, cannot_connect_now.
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|53300|57P0[123])$/;

/** `err` as a retryable `database_unavailable` AppError when it is one of those; otherwise undefined. */
export function databaseUnavailable(err: unknown): AppError | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  const matches =
    (typeof code === 'string' && (SOCKET_ERRNOS.has(code) || UNAVAILABLE_SQLSTATE.test(code))) || DRIVER_MESSAGES.some((m) => err.message === m);
  if (!matches) return undefined;
  // The driver's message names no data, but only our own text is answered.
  return new AppError('retryable', 'database_unavailable', 'the database is unavailable right now; retry later', {}, { cause: err, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
}

/** True when `err` is one of those: for callers that only decide, such as a batch that need not retry item by item. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return databaseUnavailable(err) !== undefined;
}
