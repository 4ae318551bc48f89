/**
 * One reconciliation per practice across instances: a row in
 * practice_sync_leases, with the same semantics as the DRX lease
 * (shared/sync/sync-lease.ts): judged by the database clock, taken over only
 * once expired, renewed after every committed page, and fencing every page
 * write (fencePracticeLease).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/create-db.js';
import { leaseLostError, type LeaseResult } from '../sync/sync-lease.js';

export interface PracticeLeaseKey {
  practiceId: string;
  runId: string;
}

/** Takes the lease in one statement: a new row, or a takeover only when the current one has expired. */
export async function acquirePracticeLease(db: Db, req: PracticeLeaseKey & { holder: string; ttlSeconds: number }): Promise<LeaseResult> {
  // A lease released between our insert and our read leaves nothing to report: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await sql<{ run_id: string }>`
      insert into practice_sync_leases as l (practice_id, run_id, holder, acquired_at, expires_at)
      values (${req.practiceId}, ${req.runId}::uuid, ${req.holder}, now(), now() + make_interval(secs => ${req.ttlSeconds}::int))
      on conflict (practice_id) do update set
        run_id = excluded.run_id, holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
      where l.expires_at < now()
      returning run_id`.execute(db);
    if (taken.rows.length > 0) return { ok: true };
    const current = await db
      .selectFrom('practice_sync_leases')
      .select(['run_id', 'holder', 'acquired_at'])
      .where('practice_id', '=', req.practiceId)
      .executeTakeFirst();
    if (current) return { ok: false, runningRunId: current.run_id, holder: current.holder, since: current.acquired_at };
  }
  throw new Error('practice sync lease neither acquired nor held');
}

/** Extends our lease; false when it is no longer ours (it expired and another run took it). */
export async function renewPracticeLease(db: Db, key: PracticeLeaseKey & { ttlSeconds: number }): Promise<boolean> {
  const result = await db
    .updateTable('practice_sync_leases')
    .set({ expires_at: sql<Date>`now() + make_interval(secs => ${key.ttlSeconds}::int)` })
    .where('practice_id', '=', key.practiceId)
    .where('run_id', '=', key.runId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The fence of a page write: call inside the transaction that writes a page,
 * a patient's records or a window's advance or close. Confirms the lease is
 * still this run's and locks it until commit, so a takeover waits for the page
 * and a run that lost the lease writes nothing (sync_lease_lost rolls the
 * transaction back). Expiry is not checked: an expired lease nobody took over is still ours.
 */
export async function fencePracticeLease(trx: Db, key: PracticeLeaseKey): Promise<void> {
  if (!(await holdsPracticeLease(trx, key))) throw leaseLostError(key.practiceId);
}

/** Whether the lease is still this run's, share-locking it until `trx` commits; for writes that skip rather than fail. */
export async function holdsPracticeLease(trx: Db, key: PracticeLeaseKey): Promise<boolean> {
  const held = await sql`
    select 1 from practice_sync_leases where ${practiceLeaseRowOf(key)} for share`.execute(trx);
  return held.rows.length > 0;
}

/** The practice_sync_leases row of `key`'s run, as a condition (unqualified columns). */
export function practiceLeaseRowOf(key: PracticeLeaseKey): RawBuilder<unknown> {
  return sql`practice_id = ${key.practiceId} and run_id = ${key.runId}::uuid`;
}

/** Drops the lease if it is still ours. */
export async function releasePracticeLease(db: Db, key: PracticeLeaseKey): Promise<void> {
  await db.deleteFrom('practice_sync_leases').where('practice_id', '=', key.practiceId).where('run_id', '=', key.runId).execute();
}
