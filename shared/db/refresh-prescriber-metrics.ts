/** Recomputes Rx count and last Rx date of prescribers at one pharmacy: some (webhooks) or all (a sync). */
import { sql } from 'kysely';
import type { Db } from './create-db.js';

/**
 * Recomputed from prescriptions rather than incremented, so a replayed page or a
 * prescription that moved to another prescriber can never skew the numbers.
 * Rows whose numbers did not change are not rewritten.
 */
export async function refreshPrescriberMetrics(
  trx: Db,
  pharmacyId: string,
  prescriberIds: readonly string[],
): Promise<void> {
  if (prescriberIds.length === 0) return;
  const ids = [...new Set(prescriberIds)].sort();
  await sql`
    insert into prescriber_metrics as m (pharmacy_id, prescriber_id, rx_count, last_rx_date)
    select ${pharmacyId}, ids.id, count(rx.id)::int, max(rx.written_date)
    from unnest(${ids}::bigint[]) as ids(id)
    left join prescriptions rx on rx.pharmacy_id = ${pharmacyId} and rx.prescriber_id = ids.id
    group by ids.id
    on conflict (pharmacy_id, prescriber_id) do update set
      rx_count = excluded.rx_count, last_rx_date = excluded.last_rx_date, updated_at = now()
    where (m.rx_count, m.last_rx_date) is distinct from (excluded.rx_count, excluded.last_rx_date)`.execute(trx);
}

/**
 * Recomputes the metrics of every prescriber at one pharmacy in one statement:
 * the sync runs it once per prescriptions stream instead of per page. Prescribers
 * that no longer have a prescription here (all moved away) drop to zero; rows
 * whose numbers did not change are not rewritten.
 */
export async function refreshAllPrescriberMetrics(trx: Db, pharmacyId: string): Promise<void> {
  await sql`
    with counts as (
      select prescriber_id, count(*)::int as rx_count, max(written_date) as last_rx_date
      from prescriptions where pharmacy_id = ${pharmacyId} and prescriber_id is not null
      group by prescriber_id
    ), ids as (
      select prescriber_id from counts
      union
      select prescriber_id from prescriber_metrics where pharmacy_id = ${pharmacyId}
    )
    insert into prescriber_metrics as m (pharmacy_id, prescriber_id, rx_count, last_rx_date)
    select ${pharmacyId}, ids.prescriber_id, coalesce(c.rx_count, 0), c.last_rx_date
    from ids left join counts c on c.prescriber_id = ids.prescriber_id
    order by ids.prescriber_id
    on conflict (pharmacy_id, prescriber_id) do update set
      rx_count = excluded.rx_count, last_rx_date = excluded.last_rx_date, updated_at = now()
    where (m.rx_count, m.last_rx_date) is distinct from (excluded.rx_count, excluded.last_rx_date)`.execute(trx);
}
