/** DrChrono allergy → AllergyRow. */
import { mapWithSchema } from './map-with-schema.js';
import type { MirrorMapResult } from './mirror-map-result.js';
import type { AllergyRow } from './rows.js';
import { wireAllergySchema } from './wire-schemas.js';

/** Validates one wire allergy and maps it. */
export function mapAllergy(wire: unknown): MirrorMapResult<AllergyRow> {
  return mapWithSchema(wireAllergySchema, wire, (d) => ({
    drchrono_id: d.id,
    patient_drchrono_id: d.patient,
    description: d.description,
    reaction: d.reaction,
    snomed_code: d.snomed_code,
    rxnorm: d.rxnorm,
    status: d.status,
  }));
}
