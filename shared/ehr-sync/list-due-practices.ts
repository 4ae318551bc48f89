/** Which practices a scheduled DrChrono reconciliation should run now, and whether each is due a full one. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export interface DuePractice {
  practiceId: string;
  full: boolean;
}

/**
 * Enabled, active practices whose last reconciliation (scheduled or manual;
 * webhook rows do not count) started at least 90% of `intervalMinutes` before
 * `now` (slack for Scheduler jitter, as for DRX), or never ran. `full` only
 * until the first backfill has completed, or while a full pass (a forced one
 * too) is unfinished, so the next run continues it: incremental runs by
 * `since` and the per-patient lists catch everything after it, and a periodic
 * bulk re-download would spend the hourly budget of a large practice for nothing.
 */
export async function listDuePractices(
  db: Db,
  opts: { now: Date; intervalMinutes: number },
): Promise<DuePractice[]> {
  const result = await sql<{ practice_id: string; full: boolean }>`
    select p.id as practice_id,
      (p.last_full_sync_at is null or p.full_pass_started_at is not null) as full
    from practices p
    left join lateral (
      select max(l.started_at) as started_at from integration_logs l
      where l.practice_id = p.id and l.source = 'drchrono' and l.kind in ('scheduled', 'manual')
    ) last on true
    where p.enabled and p.status = 'active'
      and (last.started_at is null
        or last.started_at <= ${opts.now}::timestamptz - make_interval(secs => ${opts.intervalMinutes}::int * 54))
    order by last.started_at nulls first, p.id`.execute(db);
  return result.rows.map((r) => ({ practiceId: r.practice_id, full: r.full }));
}
