/**
 * Links Deep Cura notes to DrChrono clinical notes: by appointment id, else by
 * patient and visit date. Patient-and-date links only when exactly one live
 * clinical note and exactly one live appointment have that patient and date,
 * so a day with two visits is left for review rather than guessed, and never
 * to the clinical note of another appointment than the one the Deep Cura note
 * names. A note that finds nothing stays unlinked and is linked when its
 * clinical note arrives (webhook or reconciliation).
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { VISIT_DATE_SQL } from '../ehr-store/mirror-tables.js';

export interface LinkResult {
  clinicalNoteId: string;
  method: 'appointment' | 'patient_date';
}

/** The clinical note fields the linker matches on (a clinical_notes row). */
export interface LinkableClinicalNote {
  id: string;
}

// A clinical note that is the only live one for its patient and date, on a day with only one live visit:
// clinical notes arrive when locked, so a second visit's note may simply not be here yet. The visit's
// date is read from scheduled_time exactly as note_date is, so the two counts agree on the day.
const SOLE_FOR_PATIENT_DATE = sql`(select count(*) from clinical_notes o
  where o.patient_drchrono_id = c.patient_drchrono_id and o.note_date = c.note_date and o.deleted_at is null) = 1
  and (select count(*) from appointments a
  where a.patient_drchrono_id = c.patient_drchrono_id and ${sql.raw(VISIT_DATE_SQL)} = c.note_date and a.deleted_at is null) = 1`;

// A Deep Cura note that names an appointment is never another appointment's: links then only fill an
// empty clinical_note_id, so a wrong date link could not be taken back when the right clinical note arrives.
const SAME_APPOINTMENT = (deepcura: 'n' | 'd') => sql`(c.appointment_drchrono_id is null
  or ${sql.ref(`${deepcura}.drchrono_appointment_id`)} is null
  or c.appointment_drchrono_id = ${sql.ref(`${deepcura}.drchrono_appointment_id`)})`;

/** Tries to link one unlinked note now; null when no clinical note matches (it stays unlinked). */
export async function linkDeepCuraNote(trx: Db, noteId: string, at?: Date): Promise<LinkResult | null> {
  const when = sql`coalesce(${at ?? null}::timestamptz, now())`;
  const byAppointment = await sql<{ clinical_note_id: string }>`
    update deepcura_notes d set clinical_note_id = c.id, link_method = 'appointment', linked_at = ${when},
      practice_id = c.practice_id, updated_at = ${when}
    from (select c.id, c.practice_id, c.appointment_drchrono_id from clinical_notes c
          join deepcura_notes n on n.id = ${noteId}::bigint and c.appointment_drchrono_id = n.drchrono_appointment_id
          where c.deleted_at is null order by c.id limit 1) c
    where d.id = ${noteId}::bigint and d.clinical_note_id is null
    returning d.clinical_note_id::text as clinical_note_id`.execute(trx);
  const a = byAppointment.rows[0];
  if (a) return { clinicalNoteId: a.clinical_note_id, method: 'appointment' };
  const byPatientDate = await sql<{ clinical_note_id: string }>`
    update deepcura_notes d set clinical_note_id = c.id, link_method = 'patient_date', linked_at = ${when},
      practice_id = c.practice_id, updated_at = ${when}
    from (select c.id, c.practice_id from clinical_notes c
          join deepcura_notes n on n.id = ${noteId}::bigint
            and c.patient_drchrono_id = n.drchrono_patient_id and c.note_date = n.session_date
          where c.deleted_at is null and ${SAME_APPOINTMENT('n')} and ${SOLE_FOR_PATIENT_DATE}) c
    where d.id = ${noteId}::bigint and d.clinical_note_id is null
    returning d.clinical_note_id::text as clinical_note_id`.execute(trx);
  const p = byPatientDate.rows[0];
  return p ? { clinicalNoteId: p.clinical_note_id, method: 'patient_date' } : null;
}

/**
 * Links the unlinked Deep Cura notes waiting for any of these clinical notes
 * (our clinical_notes.id values, e.g. UpsertRowsResult.changed ids); returns
 * how many were linked. Set-based: one statement per method whatever the batch.
 */
export async function linkPendingDeepCuraNotes(trx: Db, input: { clinicalNoteIds: readonly string[]; at?: Date }): Promise<number> {
  const ids = [...new Set(input.clinicalNoteIds)];
  if (ids.length === 0) return 0;
  const when = sql`coalesce(${input.at ?? null}::timestamptz, now())`;
  const byAppointment = await sql`
    update deepcura_notes d set clinical_note_id = c.id, link_method = 'appointment', linked_at = ${when},
      practice_id = c.practice_id, updated_at = ${when}
    from (select distinct on (c.appointment_drchrono_id) c.id, c.practice_id, c.appointment_drchrono_id
          from clinical_notes c
          where c.id = any(${ids}::bigint[]) and c.deleted_at is null and c.appointment_drchrono_id is not null
          order by c.appointment_drchrono_id, c.id) c
    where d.clinical_note_id is null and d.drchrono_appointment_id = c.appointment_drchrono_id`.execute(trx);
  // Patient and date only for notes whose own appointment has no clinical note (else that one is theirs).
  const byPatientDate = await sql`
    update deepcura_notes d set clinical_note_id = c.id, link_method = 'patient_date', linked_at = ${when},
      practice_id = c.practice_id, updated_at = ${when}
    from (select c.id, c.practice_id, c.patient_drchrono_id, c.note_date, c.appointment_drchrono_id from clinical_notes c
          where c.id = any(${ids}::bigint[]) and c.deleted_at is null
            and c.patient_drchrono_id is not null and c.note_date is not null and ${SOLE_FOR_PATIENT_DATE}) c
    where d.clinical_note_id is null
      and d.drchrono_patient_id = c.patient_drchrono_id and d.session_date = c.note_date and ${SAME_APPOINTMENT('d')}
      and (d.drchrono_appointment_id is null or not exists (
        select 1 from clinical_notes a where a.appointment_drchrono_id = d.drchrono_appointment_id and a.deleted_at is null))`.execute(trx);
  return Number(byAppointment.numAffectedRows ?? 0n) + Number(byPatientDate.numAffectedRows ?? 0n);
}

/** Links the notes waiting for one clinical note that just arrived (webhook processing). */
export async function linkPendingNotesForClinicalNote(trx: Db, clinicalNote: LinkableClinicalNote, at?: Date): Promise<number> {
  return linkPendingDeepCuraNotes(trx, { clinicalNoteIds: [clinicalNote.id], ...(at ? { at } : {}) });
}
