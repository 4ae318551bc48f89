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
    const open = await unfinishedFullPass(db, practiceId);
    if (open) return open;
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
 * The practice's unfinished pass, or null. A run asked to be incremental still
 * works on it (see syncPractice): a stream has one window, so its `since`
 * window would replace the pass's open full window and the pass would lose its
 * place (appointments walked again from the first page, a bulk download done
 * outside the pass and repeated by it).
 */
export async function unfinishedFullPass(db: Db, practiceId: string): Promise<Date | null> {
  const row = await db.selectFrom('practices').select('full_pass_started_at').where('id', '=', practiceId).executeTakeFirst();
  return row?.full_pass_started_at ?? null;
}
