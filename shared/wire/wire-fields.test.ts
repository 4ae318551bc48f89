import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWireDateTime, validWireDateTimeMs, wireDate, wireDateTime, wireId, wireQuantity } from './wire-fields.js';

describe('wireDateTime', () => {
  it.each([
    ['canonical UTC', '2025-04-02T10:00:00.000Z', '2025-04-02T10:00:00.000Z'],
    ['no milliseconds', '2025-04-02T10:00:00Z', '2025-04-02T10:00:00.000Z'],
    ['an offset with a colon', '2025-04-02T12:00:00+02:00', '2025-04-02T10:00:00.000Z'],
    ['an offset without a colon', '2025-04-02T05:00:00-0500', '2025-04-02T10:00:00.000Z'],
    ['no zone (read as UTC)', '2025-04-02T10:00:00', '2025-04-02T10:00:00.000Z'],
    ['a space instead of T', '2025-04-02 10:00', '2025-04-02T10:00:00.000Z'],
    ['a bare date', '2025-04-02', '2025-04-02T00:00:00.000Z'],
  ])('reads %s', (_name, text, iso) => {
    const r = wireDateTime.safeParse(text);
    expect(r.success && r.data.toISOString()).toBe(iso);
  });

  it.each([
    ['a day that does not exist', '2025-02-30T10:00:00Z'],
    ['a thirteenth month', '2025-13-01'],
    ['words', 'yesterday'],
    ['an epoch number as text', '1743588000'],
    ['a US date', '04/02/2025'],
  ])('refuses %s', (_name, text) => {
    expect(wireDateTime.safeParse(text).success).toBe(false);
  });
});

describe('wireDate', () => {
  it.each([
    ['a date', '2025-04-02', '2025-04-02'],
    ['the date part of a timestamp', '2025-04-02T23:30:00-05:00', '2025-04-02'],
  ])('reads %s', (_name, text, expected) => {
    const r = wireDate.safeParse(text);
    expect(r.success && r.data).toBe(expected);
  });

  it('refuses a leap day in a common year', () => {
    expect(wireDate.safeParse('2025-02-29').success).toBe(false);
    expect(wireDate.safeParse('2024-02-29').success).toBe(true);
  });
});

describe('wireId and wireQuantity', () => {
  it.each<[unknown, string | null]>([
    [42, '42'],
    ['abc-1', 'abc-1'],
    [' 7 ', '7'],
    [1.5, null],
    ['', null],
    [null, null],
  ])('wireId reads %j as %j', (input, expected) => {
    const r = wireId.safeParse(input);
    expect(r.success ? r.data : null).toBe(expected);
  });

  it.each<[unknown, number | null]>([
    [0, 0],
    [12.5, 12.5],
    ['30', 30],
    [-1, null],
    ['1e3', null],
    [Number.NaN, null],
  ])('wireQuantity reads %j as %j', (input, expected) => {
    const r = wireQuantity.safeParse(input);
    expect(r.success ? r.data : null).toBe(expected);
  });
});

describe('validWireDateTimeMs', () => {
  it('gives the instant parseWireDateTime gives, for every value it accepts', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const texts = fc
      .record({
        ms: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        form: fc.constantFrom('canonical', 'millis', 'offset', 'compact-offset', 'no-zone', 'date', 'space'),
        offsetMin: fc.integer({ min: -14 * 60, max: 14 * 60 }),
      })
      .map(({ ms, form, offsetMin }) => {
        const iso = new Date(ms).toISOString();
        const sign = offsetMin < 0 ? '-' : '+';
        const off = `${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
        switch (form) {
          case 'canonical':
            return `${iso.slice(0, 19)}Z`;
          case 'millis':
            return iso;
          case 'offset':
            return `${iso.slice(0, 19)}${sign}${off}`;
          case 'compact-offset':
            return `${iso.slice(0, 19)}${sign}${off.replace(':', '')}`;
          case 'no-zone':
            return iso.slice(0, 19);
          case 'space':
            return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
          case 'date':
            return iso.slice(0, 10);
        }
      });
    fc.assert(
      fc.property(texts, (text) => {
        const parsed = parseWireDateTime(text);
        expect(parsed).not.toBeNull();
        expect(validWireDateTimeMs(text)).toBe(parsed?.getTime());
      }),
    );
  });

  it('is null for what is not a string', () => {
    expect(validWireDateTimeMs(null)).toBeNull();
    expect(validWireDateTimeMs(20250101)).toBeNull();
  });
});
