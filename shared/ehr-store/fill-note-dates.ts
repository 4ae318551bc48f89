/** Dates clinical notes from their appointments, for notes that arrived before their appointment. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { VISIT_DATE_SQL } from './mirror-tables.js';

/** Sets note_date on undated notes of these appointments; returns the DrChrono ids of the notes dated. */
export async function fillNoteDates(trx: Db, appointmentDrchronoIds: readonly string[]): Promise<string[]> {
  if (appointmentDrchronoIds.length === 0) return [];
  const result = await sql<{ drchrono_id: string }>`
    update clinical_notes as n set note_date = ${sql.raw(VISIT_DATE_SQL)}
    from appointments as a
    where a.drchrono_id = any(${[...appointmentDrchronoIds]}::text[])
      and n.appointment_drchrono_id = a.drchrono_id
      and n.note_date is null and a.scheduled_time is not null
    returning n.drchrono_id::text as drchrono_id`.execute(trx);
  return result.rows.map((r) => r.drchrono_id);
}
