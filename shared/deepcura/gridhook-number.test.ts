import { describe, expect, it } from 'vitest';
import { gridhookNumber } from './gridhook-number.js';

const schema = gridhookNumber('must be a number');
const messagesOf = (value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues.map((i) => i.message);
};

describe('gridhookNumber', () => {
  it.each([
    [0.9, 0.9],
    ['0.9', 0.9],
    ['2', 2],
    [' 2 ', 2],
    ['\t0.25\n', 0.25],
    ['-3.5', -3.5],
    ['007', 7],
    ['2.0', 2],
  ])('reads %j as %j', (value, expected) => {
    expect(schema.parse(value)).toBe(expected);
  });

  it.each([
    ['an empty string', ''],
    ['blanks', '   '],
    ['a word', 'abc'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['an exponent that overflows', '1e999'],
    ['an exponent at all', '1e3'],
    ['digits that overflow a double', '9'.repeat(400)],
    ['hex', '0x1f'],
    ['a leading plus', '+1'],
    ['a bare fraction', '.5'],
    ['a trailing dot', '1.'],
    ['a decimal comma', '0,9'],
    ['a number with a unit', '2 units'],
    ['a boolean', true],
    ['an object', { value: 1 }],
    ['a list', [1]],
  ])('refuses %s with the rule it was given, never the value', (_label, value) => {
    expect(messagesOf(value)).toEqual(['must be a number']);
  });
});
