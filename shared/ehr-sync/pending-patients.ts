/**
 * practice_pending_patients: patients whose medications, problems, allergies
 * and insurance still have to be fetched. A patient is queued in the same
 * transaction that stored it (a sync page) or that applied a webhook delivery
 * naming it, and leaves the queue in the transaction that stores its records,
 * so a run stopped halfway (hourly budget, crash) leaves exactly the
 * unfinished patients for the next run.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/** A queued patient as a run listed it; `touches` tells whether it was queued again since. */
export interface PendingPatient {
  patientId: string;
  touches: number;
}

/**
 * Queues patients (DrChrono ids); a patient already queued stays queued once,
 * keeping its place, but counts the re-queue so a run fetching it right now
 * does not take it off (what changed may postdate that run's fetch).
 */
export async function queuePatients(trx: Db, practiceId: string, patientIds: readonly string[], reason: 'sync' | 'webhook'): Promise<void> {
  const ids = [...new Set(patientIds)].sort();
  if (ids.length === 0) return;
  await sql`
    insert into practice_pending_patients as q (practice_id, patient_drchrono_id, reason)
    select ${practiceId}, t.id, ${reason} from unnest(${ids}::bigint[]) as t(id)
    on conflict (practice_id, patient_drchrono_id) do update set touches = q.touches + 1`.execute(trx);
}

/** The queued patients, oldest first (a stable order, so a stopped run is resumed in the same order). */
export async function listPendingPatients(db: Db, practiceId: string): Promise<PendingPatient[]> {
  const rows = await db
    .selectFrom('practice_pending_patients')
    .select(['patient_drchrono_id', 'touches'])
    .where('practice_id', '=', practiceId)
    .orderBy('queued_at')
    .orderBy('patient_drchrono_id')
    .execute();
  return rows.map((r) => ({ patientId: r.patient_drchrono_id, touches: r.touches }));
}

/**
 * Removes a patient whose records are stored (inside that transaction), unless
 * it was queued again after `listed` was read; returns whether it was removed.
 */
export async function unqueuePatient(trx: Db, practiceId: string, listed: PendingPatient): Promise<boolean> {
  const r = await trx
    .deleteFrom('practice_pending_patients')
    .where('practice_id', '=', practiceId)
    .where('patient_drchrono_id', '=', listed.patientId)
    .where('touches', '=', listed.touches)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
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
