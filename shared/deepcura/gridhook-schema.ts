/**
 * The decrypted gridhook, as we assume it (contracts/drchrono.md: Deep Cura
 * publishes no format). Unknown fields are tolerated, known ones are typed;
 * a refusal names the field and the rule, never the value.
 */
import { z } from 'zod';
import { jsonbAccepts, storableText } from '../db/postgres-text-limits.js';
import { wireDate } from '../wire/wire-fields.js';
import { gridhookNumber } from './gridhook-number.js';

const drchronoId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/, 'must be a numeric id')]).transform(String);
const appointmentId = z
  .union([z.number().int().positive(), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an appointment id')])
  .transform(String);
// A date, or a date-time whose calendar date is the session's (Deep Cura may send either). It must exist in
// the calendar: PostgreSQL refuses 2026-02-30, and a refusal there would be retried as if it were transient.
const sessionDate = wireDate;
// Free text goes to `text` columns. A stray NUL there is replaced (U+FFFD), not refused: refusing would
// dead-letter the whole note for one character, and a replay would refuse it again.
const text = z.string().max(1_000_000, 'too long').transform(storableText);
// Everything stored as jsonb (codes, mentions, objects) is refused instead: jsonb takes neither \u0000 nor an
// unpaired surrogate, and silently editing a structured value could change what it means.
const storableInJsonb = <T extends z.ZodType>(schema: T) =>
  schema.refine((v) => jsonbAccepts(JSON.stringify(v)), 'must not hold the NUL character (\\u0000) or an unpaired surrogate');
const jsonText = (max?: number) => storableInJsonb(max === undefined ? z.string() : z.string().max(max, 'too long'));
const jsonObject = storableInJsonb(z.record(z.string(), z.unknown()));
const maybe = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
// A list sent as null means none, as a null scalar does: refusing it would dead-letter a whole note.
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? []);

// Numbers may arrive quoted ("0.9", "2"); they are stored as JSON numbers either way (gridhook-number.ts).
const POSITIVE_INTEGER = 'must be a positive integer';
const confidence = gridhookNumber('must be a number').pipe(z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'));
// A refine, not .int(): zod reports .int() as a type mismatch ("expected int"), not with this rule.
const units = gridhookNumber(POSITIVE_INTEGER).refine((n) => Number.isInteger(n) && n > 0, POSITIVE_INTEGER);

export const icd10CodeSchema = z.object({
  code: storableInJsonb(z.string().min(1, 'required').max(16, 'too long')),
  description: maybe(jsonText(500)),
  confidence: maybe(confidence),
});

export const cptCodeSchema = z.object({
  code: storableInJsonb(z.string().min(1, 'required').max(16, 'too long')),
  units: units.nullish().transform((v) => v ?? 1),
  description: maybe(jsonText(500)),
  modifiers: list(jsonText(8)),
});

export const gridhookNoteSchema = z.object({
  appointment_id: maybe(appointmentId),
  patient_id: maybe(drchronoId),
  doctor_id: maybe(drchronoId),
  session_date: maybe(sessionDate),
  transcript: maybe(text),
  soap: maybe(
    z.object({
      subjective: maybe(text),
      objective: maybe(text),
      assessment: maybe(text),
      plan: maybe(text),
    }),
  ),
  icd10_codes: list(icd10CodeSchema),
  cpt_codes: list(cptCodeSchema),
  medication_mentions: list(z.union([jsonText(), jsonObject])),
  billing_summary: maybe(jsonObject),
  risk_assessment: maybe(jsonObject),
});

export type GridhookNote = z.output<typeof gridhookNoteSchema>;

/** The request body: the ciphertext in one field. */
export const gridhookBodySchema = z.object({ encrypted_payload: z.string().min(1, 'required') });
