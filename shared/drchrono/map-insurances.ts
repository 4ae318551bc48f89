/** A verbose patient read's insurance slots → what each slot does to the stored ones. */
import { parseWire, withRaw } from './mirror-map-result.js';
import type { InsuranceRow } from './rows.js';
import { wireInsuranceSchema, wirePatientSchema } from './wire-schemas.js';

export type InsuranceSlot = InsuranceRow['slot'];

const SLOTS = [
  ['primary', 'primary_insurance'],
  ['secondary', 'secondary_insurance'],
  ['tertiary', 'tertiary_insurance'],
] as const;

// The patient's own fields, read as mapPatient reads them, so updatedAt orders the slots exactly as
// source_updated_at orders the patient row of the same read. A read without the key is unordered, like a
// null updated_at (which takes any write), rather than refused: the slots do not depend on it being there.
const patientRef = wirePatientSchema.pick({ id: true, updated_at: true }).partial({ updated_at: true });

/** The slots of one verbose read, split by what they may do to the stored slots. */
export interface InsuranceRead {
  /** Present, valid and naming a payer, plan or member id: replaces the stored slot. */
  rows: InsuranceRow[];
  /** Explicitly empty (null or all fields blank) or absent from a verbose read: the stored slot is deleted. */
  cleared: InsuranceSlot[];
  /** Failed their schema (`field` = the wire key, or `id` for the whole read): the stored slot stays as it is. */
  invalid: { field: string; reason: string }[];
  /** The patient's updated_at in this read (null when DrChrono sent none): the slots are exactly as new. */
  updatedAt: Date | null;
}

/**
 * Maps the insurance slots of a verbose patient. Only a well-formed answer may
 * delete: a slot we cannot read says nothing about whether the patient still
 * has that insurance, so it leaves the stored slot alone instead of wiping it.
 * A patient without a usable id or a readable updated_at (the read could not
 * be ordered against a newer one), or an answer with no slot key at all (not a
 * verbose read), touches nothing.
 */
export function mapInsurances(verbosePatient: unknown): InsuranceRead {
  const read: InsuranceRead = { rows: [], cleared: [], invalid: [], updatedAt: null };
  const patient = parseWire(patientRef, verbosePatient);
  if (!patient.ok) {
    read.invalid.push({ field: 'id', reason: patient.reason });
    return read;
  }
  read.updatedAt = patient.data.updated_at ?? null;
  const obj = verbosePatient as Record<string, unknown>;
  if (!SLOTS.some(([, key]) => key in obj)) return read;
  for (const [slot, key] of SLOTS) {
    const wire = obj[key];
    // DrChrono sends an unset slot as null or as an object of empty strings (the sandbox omits tertiary).
    if (wire === undefined || wire === null) {
      read.cleared.push(slot);
      continue;
    }
    const parsed = parseWire(wireInsuranceSchema, wire);
    if (!parsed.ok) {
      read.invalid.push({ field: key, reason: parsed.reason });
      continue;
    }
    const d = parsed.data;
    const fields = {
      patient_drchrono_id: patient.data.id,
      slot,
      payer_name: d.insurance_company,
      payer_id: d.insurance_payer_id,
      plan_name: d.insurance_plan_name,
      member_id: d.insurance_id_number,
      group_number: d.insurance_group_number,
    };
    if (fields.payer_name === null && fields.payer_id === null && fields.plan_name === null && fields.member_id === null) read.cleared.push(slot);
    else read.rows.push(withRaw(fields, wire));
  }
  return read;
}
