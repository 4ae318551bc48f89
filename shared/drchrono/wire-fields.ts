/**
 * Field-level zod schemas for DrChrono wire values. DrChrono sends empty strings
 * for unset dates and numbers, and decimals as strings, so "absent" is read
 * leniently; a value that is present must mean what the field says.
 */
import { z } from 'zod';
import { rule, wireDate, wireDateTime, wireId } from '../wire/wire-fields.js';

export { rule, wireId };

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Wraps `schema` so absent, null and '' become null. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.unknown().transform((v, ctx): z.output<T> | null => {
    if (blank(v)) return null;
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

/** An optional id (number or string on the wire, string for us). */
export const optId = optional(wireId);

/** Optional free text; numbers are accepted as their text. */
export const optText = optional(
  z.union([z.string(), z.number()], { error: rule('must be a string') }).transform((v) => String(v)),
);

/** Optional calendar date → 'YYYY-MM-DD'. */
export const optDate = optional(wireDate);

/** Optional timestamp → Date (a time without a zone is read as UTC). */
export const optDateTime = optional(wireDateTime);

const NUMERIC_TEXT = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** Optional decimal, any sign (balances go negative); numeric strings accepted. */
export const optNumber = optional(
  z
    .union([z.number(), z.string().regex(NUMERIC_TEXT, { error: 'must be a number' })], { error: rule('must be a number') })
    .transform((v) => Number(v))
    .pipe(z.number().finite({ error: 'must be a number' })),
);

/** Optional whole number. */
export const optInt = optional(
  z
    .union([z.number(), z.string().regex(NUMERIC_TEXT, { error: 'must be a whole number' })], { error: rule('must be a whole number') })
    .transform((v) => Number(v))
    .pipe(z.number().int({ error: 'must be a whole number' })),
);

/** Optional boolean; DrChrono's form-style 'true'/'false' strings accepted. */
export const optBool = optional(
  z
    .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])], { error: rule('must be a boolean') })
    .transform((v) => v === true || v === 'true' || v === 'True'),
);

/** An optional list of strings (ICD-10 codes); null and absent become []. */
export const stringList = optional(z.array(z.string({ error: 'must be strings' }), { error: rule('must be a list') })).transform(
  (v) => v ?? [],
);
