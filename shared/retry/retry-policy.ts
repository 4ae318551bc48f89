/**
 * The retry decision, as a pure function: which failures are worth another try
 * and how long to wait first. Exponential backoff with full jitter
 * (wait = random × min(cap, base × 2^(attempt-1))), unless the server said how
 * long with Retry-After. With base 500 ms and cap 30 s, five attempts wait at
 * most 0.5 + 1 + 2 + 4 = 7.5 s in total before giving up.
 */

/** Why an attempt failed, as far as retrying is concerned. */
export type TransientFailure = 'connection' | 'timeout' | 'rate_limited' | 'unavailable' | 'bad_response';

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

export interface RetryInput {
  /** The attempt that just failed, from 1. */
  attempt: number;
  failure: TransientFailure;
  /** What Retry-After asked for, in ms; null when not sent. */
  retryAfterMs: number | null;
  /** Time since the first attempt started. */
  elapsedMs: number;
  /** A uniform random number in [0, 1) for the jitter. */
  random: number;
  maxAttempts: number;
  /** Total time allowed from the first attempt; a wait that would end past it is not started. */
  maxRetryMs: number;
}

export interface RetryDecision {
  retry: boolean;
  waitMs: number;
  /** Why not, when retry is false. */
  stoppedBy?: 'attempts' | 'deadline';
}

/** Full-jitter exponential backoff for the attempt that just failed. */
export function backoffMs(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(Math.min(Math.max(random, 0), 1) * ceiling);
}

/** Decides whether to try again after a transient failure, and how long to wait first. */
export function decideRetry(input: RetryInput): RetryDecision {
  const waitMs = input.retryAfterMs !== null ? Math.max(0, Math.ceil(input.retryAfterMs)) : backoffMs(input.attempt, input.random);
  if (input.attempt >= input.maxAttempts) return { retry: false, waitMs: 0, stoppedBy: 'attempts' };
  if (input.elapsedMs + waitMs > input.maxRetryMs) return { retry: false, waitMs: 0, stoppedBy: 'deadline' };
  return { retry: true, waitMs };
}
