/**
 * A numeric gridhook field: a JSON number, or a string holding a plain decimal
 * ("0.9", " 2 "). Deep Cura publishes no format and some serialisers quote
 * numbers; refusing one would dead-letter the whole note, and a replay would
 * refuse it again. Not z.coerce.number(): it reads "" and "  " as 0 and
 * accepts "1e999" (Infinity), "0x1f" and "Infinity" as numbers.
 */
import { z } from 'zod';

// An optional minus, digits, an optional fraction: no exponent, hex, NaN or Infinity, and never empty.
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** The value as a finite number; anything else is refused with `message` (the field's rule, never the value). */
export function gridhookNumber(message: string) {
  return z.union([z.number(), z.string()], { error: message }).transform((v, ctx) => {
    const text = typeof v === 'string' ? v.trim() : null;
    // Digits alone can still overflow a double ("9" × 400 reads as Infinity): finite is checked after reading.
    const n = text === null ? v : PLAIN_DECIMAL.test(text) ? Number(text) : Number.NaN;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}
