import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const now = new Date('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string, string | null, number | null]>([
    ['no header', null, null],
    ['seconds', '7', 7000],
    ['zero seconds', '0', 0],
    ['seconds with spaces', ' 12 ', 12_000],
    ['an HTTP-date 90 s ahead', 'Thu, 01 Jan 2026 00:01:30 GMT', 90_000],
    ['an HTTP-date in the past', 'Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['a negative number', '-5', null],
    ['a fraction', '1.5', null],
    ['garbage', 'soon', null],
    ['empty', '', null],
  ])('reads %s', (_name, header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
