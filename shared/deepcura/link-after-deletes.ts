/**
 * Deletes can complete a Deep Cura link: a note left unlinked because its
 * patient had two visits (or two clinical notes) that day becomes linkable by
 * patient and date once one of them is deleted. Callers pass the DrChrono ids
 * they just soft-deleted, in the same transaction.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { VISIT_DATE_SQL } from '../ehr-store/mirror-tables.js';
import { linkPendingDeepCuraNotes } from './link-deepcura-note.js';

/** The deleted kinds whose absence the patient-and-date rule counts. */
export type LinkBlockingKind = 'appointments' | 'clinical_notes';

/** Links the waiting notes freed by deleting these `kind` records; returns how many were linked. */
export async function linkNotesAfterDeletes(trx: Db, kind: LinkBlockingKind, drchronoIds: readonly string[], at?: Date): Promise<number> {
  if (drchronoIds.length === 0) return 0;
  // The live clinical notes on the same patient and day as a deleted record: the only ones whose day just changed.
  const sameDay =
    kind === 'appointments'
      ? sql`exists (select 1 from appointments a where a.drchrono_id = any(${[...drchronoIds]}::text[])
          and a.patient_drchrono_id = c.patient_drchrono_id and ${sql.raw(VISIT_DATE_SQL)} = c.note_date)`
      : sql`exists (select 1 from clinical_notes g where g.drchrono_id = any(${[...drchronoIds]}::bigint[])
          and g.patient_drchrono_id = c.patient_drchrono_id and g.note_date = c.note_date)`;
  const notes = await sql<{ id: string }>`
    select c.id::text as id from clinical_notes c
    where c.deleted_at is null and c.patient_drchrono_id is not null and c.note_date is not null and ${sameDay}`.execute(trx);
  return linkPendingDeepCuraNotes(trx, { clinicalNoteIds: notes.rows.map((r) => r.id), ...(at ? { at } : {}) });
}
