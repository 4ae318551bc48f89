import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry, type RetryInput } from './retry-policy.js';

const base: RetryInput = {
  attempt: 1,
  failure: 'unavailable',
  retryAfterMs: null,
  elapsedMs: 0,
  random: 0.5,
  maxAttempts: 5,
  maxRetryMs: 60_000,
};

describe('backoffMs', () => {
  it.each([
    // attempt, random, expected: random × min(30 000, 500 × 2^(attempt-1))
    [1, 0.5, 250],
    [2, 0.5, 500],
    [3, 0.5, 1000],
    [4, 0.999, 3996],
    [7, 1, 30_000], // 500 × 64 = 32 000, capped at 30 000
    [20, 0.5, 15_000],
    [1, 0, 0],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffMs(attempt, random)).toBe(expected);
  });
});

describe('decideRetry', () => {
  it.each<[string, Partial<RetryInput>, { retry: boolean; waitMs: number; stoppedBy?: string }]>([
    ['a first 503 backs off with jitter', {}, { retry: true, waitMs: 250 }],
    ['a third timeout backs off longer', { attempt: 3, failure: 'timeout' }, { retry: true, waitMs: 1000 }],
    ['Retry-After wins over backoff', { failure: 'rate_limited', retryAfterMs: 7000 }, { retry: true, waitMs: 7000 }],
    ['Retry-After 0 retries at once', { failure: 'rate_limited', retryAfterMs: 0 }, { retry: true, waitMs: 0 }],
    ['a 429 without Retry-After backs off', { failure: 'rate_limited', attempt: 2 }, { retry: true, waitMs: 500 }],
    ['the last allowed attempt stops', { attempt: 5 }, { retry: false, waitMs: 0, stoppedBy: 'attempts' }],
    ['a wait ending past the deadline stops', { elapsedMs: 59_900, retryAfterMs: 200 }, { retry: false, waitMs: 0, stoppedBy: 'deadline' }],
    ['a wait ending exactly at the deadline goes ahead', { elapsedMs: 59_800, retryAfterMs: 200 }, { retry: true, waitMs: 200 }],
    ['a Retry-After longer than the budget stops', { retryAfterMs: 3_600_000 }, { retry: false, waitMs: 0, stoppedBy: 'deadline' }],
    ['a bad response is retried like any glitch', { failure: 'bad_response', attempt: 2 }, { retry: true, waitMs: 500 }],
    ['a single allowed attempt never retries', { maxAttempts: 1 }, { retry: false, waitMs: 0, stoppedBy: 'attempts' }],
  ])('%s', (_name, overrides, expected) => {
    expect(decideRetry({ ...base, ...overrides })).toEqual(expected);
  });
});
