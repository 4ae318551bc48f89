/** Field-level zod schemas for external wire values (DRX, DrChrono): lenient on representation, strict on meaning. */
import { z } from 'zod';

/** Error text for a rule: a missing value reads "required", anything else the rule. Never the value. */
export function rule(message: string): (iss: { input?: unknown }) => string {
  return (iss) => (iss.input === undefined || iss.input === null ? 'required' : message);
}

const ID_RULE = 'must be a non-negative integer or a non-empty string';
const numericId = z.number({ error: ID_RULE }).int({ error: ID_RULE }).min(0, { error: ID_RULE });
const textId = z.string().trim().min(1, { error: ID_RULE });

/** An external record id: number or string on the wire, always a string for us. */
export const wireId = z
  .union([numericId, textId], { error: rule(ID_RULE) })
  .transform((v) => String(v));

const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;

/** A quantity ≥ 0; numeric strings are accepted because JSON exports sometimes quote numbers. */
export const wireQuantity = z
  .union([z.number(), z.string().regex(NUMERIC_TEXT, { error: 'must be a number' })], { error: rule('must be a number') })
  .transform((v) => Number(v))
  .pipe(z.number().min(0, { error: 'must be ≥ 0' }));

/** A whole count ≥ 0 (refills, days supply, DAW code). */
export const wireCount = wireQuantity.pipe(z.number().int({ error: 'must be a whole number' }));

// ISO-8601 date, optionally with a time and a zone. A time without a zone is read
// as UTC, so the result never depends on the server's local time zone.
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

// What DRX (and toISOString) normally send; Date.parse reads it without the rewrite below.
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

// Date.parse rolls 2026-02-30 over to March silently; a calendar date must exist as written.
function isCalendarDate(text: string): boolean {
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  return m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

function parseIso(raw: string): Date | null {
  const text = raw.trim();
  let ms: number;
  if (CANONICAL_UTC.test(text)) {
    ms = Date.parse(text);
  } else {
    const m = ISO_DATE_TIME.exec(text);
    if (!m) return null;
    const [, date, time, zone] = m;
    const offset = zone === undefined ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2').toUpperCase();
    ms = Date.parse(time === undefined ? `${date}T00:00:00Z` : `${date}T${time}${offset}`);
  }
  return Number.isNaN(ms) || !isCalendarDate(text) ? null : new Date(ms);
}

/** What wireDateTime makes of a value, without zod: a Date, or null when it is not a valid ISO-8601 string. */
export function parseWireDateTime(value: unknown): Date | null {
  return typeof value === 'string' ? parseIso(value) : null;
}

/**
 * parseWireDateTime's instant in epoch ms, for a value known to have passed it before (a stored, validated
 * record): the common canonical form skips the calendar check and the Date. A full re-sync reads the dates of
 * every unchanged record, so this runs hundreds of thousands of times.
 */
export function validWireDateTimeMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  if (CANONICAL_UTC.test(value)) return Date.parse(value);
  return parseIso(value)?.getTime() ?? null;
}

/** An ISO-8601 timestamp (or bare date) → Date. */
export const wireDateTime = z.string({ error: rule('must be an ISO-8601 date-time') }).transform((v, ctx) => {
  const d = parseIso(v);
  if (d === null) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date-time' });
    return z.NEVER;
  }
  return d;
});

/** An ISO-8601 date (or timestamp, whose date part is taken as written) → 'YYYY-MM-DD'. */
export const wireDate = z.string({ error: rule('must be an ISO-8601 date') }).transform((v, ctx) => {
  if (parseIso(v) === null) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date' });
    return z.NEVER;
  }
  return v.trim().slice(0, 10);
});

/** Free text that may be absent: absent, null and '' all become null. */
export const wireText = z
  .union([z.string(), z.number()], { error: rule('must be a string') })
  .nullish()
  .transform((v) => (v === undefined || v === null || String(v).trim() === '' ? null : String(v)));

/** Makes a field optional on the wire and null in our rows when absent. */
export function nullable<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => (v === undefined ? null : v));
}
