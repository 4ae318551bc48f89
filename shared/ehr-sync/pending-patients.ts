/**
 * practice_pending_patients: patients whose medications, problems, allergies
 * and insurance still have to be fetched. A patient is queued in the same
 * transaction that stored it, and leaves the queue in the transaction that
 * stores its records, so a run stopped halfway (hourly budget, crash) leaves
 * exactly the unfinished patients for the next run.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/** Queues patients (DrChrono ids); a patient already queued stays queued once. */
export async function queuePatients(trx: Db, practiceId: string, patientIds: readonly string[], reason: 'sync' | 'webhook'): Promise<void> {
  const ids = [...new Set(patientIds)].sort();
  if (ids.length === 0) return;
  await sql`
    insert into practice_pending_patients (practice_id, patient_drchrono_id, reason)
    select ${practiceId}, t.id, ${reason} from unnest(${ids}::bigint[]) as t(id)
    on conflict (practice_id, patient_drchrono_id) do nothing`.execute(trx);
}

/** The queued patients, oldest first (a stable order, so a stopped run is resumed in the same order). */
export async function listPendingPatients(db: Db, practiceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('practice_pending_patients')
    .select('patient_drchrono_id')
    .where('practice_id', '=', practiceId)
    .orderBy('queued_at')
    .orderBy('patient_drchrono_id')
    .execute();
  return rows.map((r) => r.patient_drchrono_id);
}

/** Removes a patient whose records are stored (inside that transaction). */
export async function unqueuePatient(trx: Db, practiceId: string, patientId: string): Promise<void> {
  await trx.deleteFrom('practice_pending_patients').where('practice_id', '=', practiceId).where('patient_drchrono_id', '=', patientId).execute();
}

/** How many patients are still queued. */
export async function countPendingPatients(db: Db, practiceId: string): Promise<number> {
  const row = await db
    .selectFrom('practice_pending_patients')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('practice_id', '=', practiceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
