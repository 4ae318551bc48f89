/**
 * A practice's full pass: a full reconciliation that may span several runs
 * when the hourly budget stops one. It is named by its start, stored on the
 * practice before any stream works and cleared by the run that finishes it,
 * so a crash or a stopped run leaves it for the next run to continue.
 */
import type { Db } from '../db/create-db.js';

/**
 * Returns the pass a full run works on: a fresh one when `fresh` (Sync Now
 * with full: true), else the unfinished one, or a new one if there is none.
 */
export async function beginFullPass(db: Db, opts: { practiceId: string; now: Date; fresh: boolean }): Promise<Date> {
  if (!opts.fresh) {
    const open = await db.selectFrom('practices').select('full_pass_started_at').where('id', '=', opts.practiceId).executeTakeFirst();
    if (open?.full_pass_started_at) return open.full_pass_started_at;
  }
  await db.updateTable('practices').set({ full_pass_started_at: opts.now }).where('id', '=', opts.practiceId).execute();
  return opts.now;
}
