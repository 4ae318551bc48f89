/** Dates clinical notes from their appointments: notes that arrived first, and notes of a rescheduled visit. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { VISIT_DATE_SQL } from './mirror-tables.js';

/**
 * Sets note_date to the visit date of each note of these appointments where it differs (undated, or the
 * appointment moved to another day); returns the DrChrono ids of the notes dated.
 *
 * A DrChrono clinical note carries no date of its own (map-clinical-note.ts), so a stored note_date is
 * always its appointment's visit date and following the appointment overrides nothing. Deep Cura links
 * already made stay as they are: only linking from now on sees the new date.
 */
export async function fillNoteDates(trx: Db, appointmentDrchronoIds: readonly string[]): Promise<string[]> {
  if (appointmentDrchronoIds.length === 0) return [];
  const result = await sql<{ drchrono_id: string }>`
    update clinical_notes as n set note_date = ${sql.raw(VISIT_DATE_SQL)}
    from appointments as a
    where a.drchrono_id = any(${[...appointmentDrchronoIds]}::text[])
      and n.appointment_drchrono_id = a.drchrono_id
      and n.note_date is distinct from ${sql.raw(VISIT_DATE_SQL)} and a.scheduled_time is not null
    returning n.drchrono_id::text as drchrono_id`.execute(trx);
  return result.rows.map((r) => r.drchrono_id);
}
