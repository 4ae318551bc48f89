/** DrChrono allergy → AllergyRow. */
import { parseWire, withRaw, type MirrorMapResult } from './mirror-map-result.js';
import type { AllergyRow } from './rows.js';
import { wireAllergySchema } from './wire-schemas.js';

/** Validates one wire allergy and maps it. */
export function mapAllergy(wire: unknown): MirrorMapResult<AllergyRow> {
  const p = parseWire(wireAllergySchema, wire);
  if (!p.ok) return p;
  const d = p.data;
  return {
    ok: true,
    row: withRaw(
      {
        drchrono_id: d.id,
        patient_drchrono_id: d.patient,
        description: d.description,
        reaction: d.reaction,
        snomed_code: d.snomed_code,
        rxnorm: d.rxnorm,
        status: d.status,
      },
      wire,
    ),
  };
}
