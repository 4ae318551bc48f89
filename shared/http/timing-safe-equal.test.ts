import { describe, expect, it } from 'vitest';
import { timingSafeEqualStrings } from './timing-safe-equal.js';

describe('timingSafeEqualStrings', () => {
  it.each([
    ['same', 'same', true],
    ['same', 'Same', false],
    ['short', 'shorter', false],
    ['', '', true],
    ['', 'x', false],
  ])('compares %j with %j as %s', (a, b, expected) => {
    expect(timingSafeEqualStrings(a, b)).toBe(expected);
  });
});
