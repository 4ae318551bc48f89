/** Which pharmacies a scheduled DRX sync should run now, and whether each is due a full reconciliation. */
import { sql } from 'kysely';
import type { Db } from './create-db.js';

export interface DuePharmacy {
  pharmacyId: string;
  full: boolean;
}

/**
 * Enabled pharmacies with an active DRX integration whose last DRX run started
 * at least 90% of sync_interval_minutes before `now` (or never ran). The slack
 * matters: Scheduler fires every interval, and a run that started a few
 * seconds later than the tick before it would otherwise not be due yet and
 * wait a whole extra interval. `full` when the
 * last full sync is older than `reconcileIntervalHours` (or never happened).
 */
export async function listDuePharmacies(
  db: Db,
  opts: { now: Date; reconcileIntervalHours: number },
): Promise<DuePharmacy[]> {
  const result = await sql<{ pharmacy_id: string; full: boolean }>`
    select p.id as pharmacy_id,
      (i.last_full_sync_at is null
        or i.last_full_sync_at <= ${opts.now}::timestamptz - make_interval(hours => ${opts.reconcileIntervalHours}::int)) as full
    from pharmacies p
    join pharmacy_integrations i on i.pharmacy_id = p.id and i.system = 'drx'
    left join lateral (
      select max(l.started_at) as started_at from integration_logs l
      where l.pharmacy_id = p.id and l.source = 'drx' and l.kind <> 'webhook'
    ) last on true
    where p.enabled and i.status = 'active'
      and (last.started_at is null
        or last.started_at <= ${opts.now}::timestamptz - make_interval(secs => p.sync_interval_minutes * 54))
    order by last.started_at nulls first, p.id`.execute(db);
  return result.rows.map((r) => ({ pharmacyId: r.pharmacy_id, full: r.full }));
}
