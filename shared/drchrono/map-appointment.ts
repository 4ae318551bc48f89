/** DrChrono appointment → AppointmentRow (plus its deleted_flag, which the store turns into deleted_at). */
import { parseWire, withRaw } from './mirror-map-result.js';
import type { AppointmentRow } from './rows.js';
import { wireAppointmentSchema } from './wire-schemas.js';

export type AppointmentMapResult = { ok: true; row: AppointmentRow; deleted: boolean } | { ok: false; reason: string };

/** Validates one wire appointment and maps it; `deleted` is DrChrono's deleted_flag. */
export function mapAppointment(wire: unknown): AppointmentMapResult {
  const p = parseWire(wireAppointmentSchema, wire);
  if (!p.ok) return p;
  const d = p.data;
  const row = withRaw(
    {
      drchrono_id: d.id,
      patient_drchrono_id: d.patient,
      doctor_drchrono_id: d.doctor,
      office_drchrono_id: d.office,
      scheduled_time: d.scheduled_time,
      duration: d.duration,
      status: d.status,
      reason: d.reason,
      icd10_codes: JSON.stringify(d.icd10_codes),
      source_updated_at: d.updated_at,
    },
    wire,
  );
  return { ok: true, row, deleted: d.deleted_flag === true };
}
