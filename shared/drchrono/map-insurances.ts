/** A verbose patient read's insurance objects → one InsuranceRow per filled slot. */
import { z } from 'zod';
import { withRaw } from './mirror-map-result.js';
import type { InsuranceRow } from './rows.js';
import { wireId } from './wire-fields.js';
import { wireInsuranceSchema } from './wire-schemas.js';

const SLOTS = [
  ['primary', 'primary_insurance'],
  ['secondary', 'secondary_insurance'],
  ['tertiary', 'tertiary_insurance'],
] as const;

const patientRef = z.object({ id: wireId });

/**
 * Maps the insurance slots of a verbose patient. DrChrono sends every slot,
 * unset ones as objects of empty strings: a slot becomes a row only when it
 * names a payer, plan or member id. A patient without a usable id, or a slot
 * that does not parse, yields no row for it.
 */
export function mapInsurances(verbosePatient: unknown): InsuranceRow[] {
  const patient = patientRef.safeParse(verbosePatient);
  if (!patient.success) return [];
  const obj = verbosePatient as Record<string, unknown>;
  const rows: InsuranceRow[] = [];
  for (const [slot, key] of SLOTS) {
    const wire = obj[key];
    if (typeof wire !== 'object' || wire === null) continue;
    const parsed = wireInsuranceSchema.safeParse(wire);
    if (!parsed.success) continue;
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
    if (fields.payer_name === null && fields.payer_id === null && fields.plan_name === null && fields.member_id === null) continue;
    rows.push(withRaw(fields, wire));
  }
  return rows;
}
