/** DrChrono clinical note → ClinicalNoteRow. */
import { mapWithSchema } from './map-with-schema.js';
import type { MirrorMapResult } from './mirror-map-result.js';
import type { ClinicalNoteRow } from './rows.js';
import { wireClinicalNoteSchema } from './wire-schemas.js';

/**
 * Validates one wire clinical note and maps it. `note_date` stays null: the
 * note carries no date, and the EHR store fills it from the appointment
 * (`appointment_drchrono_id`).
 */
export function mapClinicalNote(wire: unknown): MirrorMapResult<ClinicalNoteRow> {
  return mapWithSchema(wireClinicalNoteSchema, wire, (d) => ({
    drchrono_id: d.id,
    patient_drchrono_id: d.patient,
    appointment_drchrono_id: d.appointment,
    note_date: null,
    locked: d.locked ?? false,
    pdf: d.pdf,
    sections: JSON.stringify(d.clinical_note_sections),
    source_updated_at: d.updated_at,
  }));
}
