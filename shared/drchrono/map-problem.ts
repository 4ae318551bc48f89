/** DrChrono problem → ProblemRow. */
import { mapWithSchema } from './map-with-schema.js';
import type { MirrorMapResult } from './mirror-map-result.js';
import type { ProblemRow } from './rows.js';
import { wireProblemSchema } from './wire-schemas.js';

/** Validates one wire problem and maps it. */
export function mapProblem(wire: unknown): MirrorMapResult<ProblemRow> {
  return mapWithSchema(wireProblemSchema, wire, (d) => ({
    drchrono_id: d.id,
    patient_drchrono_id: d.patient,
    name: d.name,
    icd_code: d.icd_code,
    icd_version: d.icd_version,
    snomed_ct_code: d.snomed_ct_code,
    status: d.status,
    date_onset: d.date_onset,
    date_diagnosis: d.date_diagnosis,
  }));
}
