/** DrChrono problem → ProblemRow. */
import { parseWire, withRaw, type MirrorMapResult } from './mirror-map-result.js';
import type { ProblemRow } from './rows.js';
import { wireProblemSchema } from './wire-schemas.js';

/** Validates one wire problem and maps it. */
export function mapProblem(wire: unknown): MirrorMapResult<ProblemRow> {
  const p = parseWire(wireProblemSchema, wire);
  if (!p.ok) return p;
  const d = p.data;
  return {
    ok: true,
    row: withRaw(
      {
        drchrono_id: d.id,
        patient_drchrono_id: d.patient,
        name: d.name,
        icd_code: d.icd_code,
        icd_version: d.icd_version,
        snomed_ct_code: d.snomed_ct_code,
        status: d.status,
        date_onset: d.date_onset,
        date_diagnosis: d.date_diagnosis,
      },
      wire,
    ),
  };
}
