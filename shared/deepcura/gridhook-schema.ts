/**
 * The decrypted gridhook, as we assume it (contracts/drchrono.md: Deep Cura
 * publishes no format). Unknown fields are tolerated, known ones are typed;
 * a refusal names the field and the rule, never the value.
 */
import { z } from 'zod';

const drchronoId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/, 'must be a numeric id')]).transform(String);
const appointmentId = z
  .union([z.number().int().positive(), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an appointment id')])
  .transform(String);
// A date, or a date-time whose calendar date is the session's (Deep Cura may send either).
const sessionDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, 'must be YYYY-MM-DD or an ISO date-time')
  .transform((s) => s.slice(0, 10));
const text = z.string().max(1_000_000, 'too long');
const maybe = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

export const icd10CodeSchema = z.object({
  code: z.string().min(1, 'required').max(16, 'too long'),
  description: maybe(z.string().max(500)),
  confidence: maybe(z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')),
});

export const cptCodeSchema = z.object({
  code: z.string().min(1, 'required').max(16, 'too long'),
  units: z.number().int().positive('must be a positive integer').default(1),
  description: maybe(z.string().max(500)),
  modifiers: z.array(z.string().max(8)).default([]),
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
  icd10_codes: z.array(icd10CodeSchema).default([]),
  cpt_codes: z.array(cptCodeSchema).default([]),
  medication_mentions: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).default([]),
  billing_summary: maybe(z.record(z.string(), z.unknown())),
  risk_assessment: maybe(z.record(z.string(), z.unknown())),
});

export type GridhookNote = z.output<typeof gridhookNoteSchema>;

/** The request body: the ciphertext in one field. */
export const gridhookBodySchema = z.object({ encrypted_payload: z.string().min(1, 'required') });
