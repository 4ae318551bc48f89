/**
 * A practice's full pass: a full reconciliation that may span several runs
 * when the hourly budget stops one. It is named by its start, stored on the
 * practice before any stream works and cleared by the run that finishes it,
 * so a crash or a stopped run leaves it for the next run to continue.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { practiceLeaseRowOf, type PracticeLeaseKey } from './practice-lease.js';

/**
 * Returns the pass a full run works on: a fresh one when `fresh` (Sync Now
 * with full: true), else the unfinished one, or a new one if there is none.
 * A new pass is stored only while `lease` is still held, so a run that stalled
 * and lost it cannot replace the pass of the run that took over (its first
 * page write then fails with sync_lease_lost).
 */
export async function beginFullPass(db: Db, opts: { lease: PracticeLeaseKey; now: Date; fresh: boolean }): Promise<Date> {
  const practiceId = opts.lease.practiceId;
  if (!opts.fresh) {
    const open = await db.selectFrom('practices').select('full_pass_started_at').where('id', '=', practiceId).executeTakeFirst();
    if (open?.full_pass_started_at) return open.full_pass_started_at;
  }
  await db
    .updateTable('practices')
    .set({ full_pass_started_at: opts.now })
    .where('id', '=', practiceId)
    .where(sql<boolean>`exists (select 1 from practice_sync_leases where ${practiceLeaseRowOf(opts.lease)} for share)`)
    .execute();
  return opts.now;
}

/**
 * True when the practice is due a full pass whatever the run was asked for:
 * its first backfill has not finished, or a pass is unfinished (the same rule
 * the sweep lists practices by). An incremental run of such a practice would
 * otherwise download everything outside a pass (which the pass then downloads
 * again), or, a stream having one window, replace the pass's open full window
 * with its since-window, so the pass would lose its place.
 */
export async function fullPassDue(db: Db, practiceId: string): Promise<boolean> {
  const row = await db.selectFrom('practices').select(['last_full_sync_at', 'full_pass_started_at']).where('id', '=', practiceId).executeTakeFirst();
  return row !== undefined && (row.last_full_sync_at === null || row.full_pass_started_at !== null);
}
