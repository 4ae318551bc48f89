/** One sync per pharmacy across all instances: a lease row that expires if its holder dies. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';

export interface LeaseKey {
  pharmacyId: string;
  system: 'drx';
  runId: string;
}

export type LeaseResult = { ok: true } | { ok: false; runningRunId: string; holder: string; since: Date };

// The database clock is the one clock every instance shares, so expiry is judged by now() there.

/** The error of a run whose lease (on a pharmacy or a practice, `ownerId`) another run has taken over. */
export function leaseLostError(ownerId: string): AppError {
  return new AppError('conflict', 'sync_lease_lost', `the sync lease for ${ownerId} was taken over`);
}

/** The sync_leases row of `key`'s run, as a condition (unqualified columns: use it where sync_leases is the nearest table). */
export function leaseRowOf(key: LeaseKey): RawBuilder<unknown> {
  return sql`pharmacy_id = ${key.pharmacyId} and system = ${key.system} and run_id = ${key.runId}::uuid`;
}

/** Takes the lease in one statement: a new row, or a takeover only when the current one has expired. */
export async function acquireLease(db: Db, req: LeaseKey & { holder: string; ttlSeconds: number }): Promise<LeaseResult> {
  // A lease released between our insert and our read leaves nothing to report: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await sql<{ run_id: string }>`
      insert into sync_leases as l (pharmacy_id, system, run_id, holder, acquired_at, expires_at)
      values (${req.pharmacyId}, ${req.system}, ${req.runId}::uuid, ${req.holder}, now(),
        now() + make_interval(secs => ${req.ttlSeconds}::int))
      on conflict (pharmacy_id, system) do update set
        run_id = excluded.run_id, holder = excluded.holder, acquired_at = excluded.acquired_at,
        expires_at = excluded.expires_at
      where l.expires_at < now()
      returning run_id`.execute(db);
    if (taken.rows.length > 0) return { ok: true };
    const current = await db
      .selectFrom('sync_leases')
      .select(['run_id', 'holder', 'acquired_at'])
      .where('pharmacy_id', '=', req.pharmacyId)
      .where('system', '=', req.system)
      .executeTakeFirst();
    if (current) return { ok: false, runningRunId: current.run_id, holder: current.holder, since: current.acquired_at };
  }
  throw new Error('sync lease neither acquired nor held');
}

/** Extends our lease; false when it is no longer ours (it expired and another run took it). */
export async function renewLease(db: Db, key: LeaseKey & { ttlSeconds: number }): Promise<boolean> {
  const result = await db
    .updateTable('sync_leases')
    .set({ expires_at: sql<Date>`now() + make_interval(secs => ${key.ttlSeconds}::int)` })
    .where('pharmacy_id', '=', key.pharmacyId)
    .where('system', '=', key.system)
    .where('run_id', '=', key.runId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The fence of a page write: call inside the transaction that writes a page,
 * advances a window or closes it. Confirms the lease is still this run's and
 * locks it until commit, so a takeover waits for the page and a run that lost
 * the lease writes nothing (sync_lease_lost rolls the transaction back).
 * Expiry is not checked: an expired lease nobody took over is still ours.
 */
export async function fenceLease(trx: Db, key: LeaseKey): Promise<void> {
  if (!(await holdsLease(trx, key))) throw leaseLostError(key.pharmacyId);
}

/**
 * Whether the lease is still this run's, share-locking it until `trx` commits
 * (see fenceLease), for a write that must not fail when it is lost: a run's
 * own log row is finished either way, only the pharmacy's status waits on this.
 */
export async function holdsLease(trx: Db, key: LeaseKey): Promise<boolean> {
  const held = await sql`select 1 from sync_leases where ${leaseRowOf(key)} for share`.execute(trx);
  return held.rows.length > 0;
}

/** Drops the lease if it is still ours; a lease someone else took over is left alone. */
export async function releaseLease(db: Db, key: LeaseKey): Promise<void> {
  await db
    .deleteFrom('sync_leases')
    .where('pharmacy_id', '=', key.pharmacyId)
    .where('system', '=', key.system)
    .where('run_id', '=', key.runId)
    .execute();
}
