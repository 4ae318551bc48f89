/** How DRX HTTP outcomes map to our error taxonomy (STYLE.md: input / retryable / permanent). */
import { AppError, type ErrorCode } from '../errors/app-error.js';
import type { TransientFailure } from '../retry/retry-policy.js';

/** What one HTTP status means for the caller. */
export type StatusClass =
  | { kind: 'ok' }
  | { kind: 'transient'; failure: TransientFailure }
  | { kind: 'permanent'; error: AppError };

/** Classifies a response status; `path` (never the query) goes into the error details. */
export function classifyStatus(status: number, path: string): StatusClass {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 429) return { kind: 'transient', failure: 'rate_limited' };
  // STYLE.md counts every 5xx as retryable; 502/503/504 are DRX's usual ones.
  if (status >= 500) return { kind: 'transient', failure: 'unavailable' };
  const permanent = (code: ErrorCode, message: string): StatusClass => ({
    kind: 'permanent',
    error: new AppError('permanent', code, message, { status, path }),
  });
  // A bad key never gets better by retrying; the message says what to do.
  if (status === 401) return permanent('invalid_drx_key', 'invalid DRX key (401): check the key for this pharmacy');
  if (status === 403) return permanent('drx_forbidden', 'DRX refused access (403): check the key’s permissions and IP restrictions');
  return permanent('drx_bad_request', `DRX rejected the request (${status}) on ${path}`);
}

const TRANSIENT_CODE: Record<TransientFailure, ErrorCode> = {
  connection: 'drx_unavailable',
  timeout: 'drx_timeout',
  rate_limited: 'drx_rate_limited',
  unavailable: 'drx_unavailable',
  bad_response: 'drx_bad_response',
};

const TRANSIENT_TEXT: Record<TransientFailure, string> = {
  connection: 'the connection to DRX failed',
  timeout: 'DRX did not answer in time',
  rate_limited: 'DRX rate-limited the requests (429)',
  unavailable: 'DRX was unavailable',
  bad_response: 'DRX answered with something that is not the expected JSON',
};

/** The retryable error thrown when retries stop; its code names the last failure. */
export function retriesExhaustedError(args: {
  failure: TransientFailure;
  status: number | null;
  attempts: number;
  path: string;
  stoppedBy: 'attempts' | 'deadline';
  retryAfterMs: number | null;
}): AppError {
  const why = args.stoppedBy === 'attempts' ? `after ${args.attempts} attempts` : `after ${args.attempts} attempts (retry time used up)`;
  return new AppError(
    'retryable',
    TRANSIENT_CODE[args.failure],
    `${TRANSIENT_TEXT[args.failure]} on ${args.path} ${why}`,
    { path: args.path, status: args.status, attempts: args.attempts, failure: args.failure, stoppedBy: args.stoppedBy },
    args.retryAfterMs === null ? {} : { retryAfterSeconds: Math.ceil(args.retryAfterMs / 1000) },
  );
}
