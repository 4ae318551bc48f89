/** Which practices a scheduled DrChrono reconciliation should run now, and whether each is due a full one. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export interface DuePractice {
  practiceId: string;
  full: boolean;
}

/**
 * Enabled, active practices whose last reconciliation (scheduled or manual;
 * webhook rows do not count) started at least `intervalMinutes` before `now`,
 * or never ran. `full` when the last full sync is older than
 * `reconcileIntervalHours` or never happened.
 */
export async function listDuePractices(
  db: Db,
  opts: { now: Date; intervalMinutes: number; reconcileIntervalHours: number },
): Promise<DuePractice[]> {
  const result = await sql<{ practice_id: string; full: boolean }>`
    select p.id as practice_id,
      (p.last_full_sync_at is null
        or p.last_full_sync_at <= ${opts.now}::timestamptz - make_interval(hours => ${opts.reconcileIntervalHours}::int)) as full
    from practices p
    left join lateral (
      select max(l.started_at) as started_at from integration_logs l
      where l.practice_id = p.id and l.source = 'drchrono' and l.kind in ('scheduled', 'manual')
    ) last on true
    where p.enabled and p.status = 'active'
      and (last.started_at is null
        or last.started_at <= ${opts.now}::timestamptz - make_interval(mins => ${opts.intervalMinutes}::int))
    order by last.started_at nulls first, p.id`.execute(db);
  return result.rows.map((r) => ({ practiceId: r.practice_id, full: r.full }));
}
