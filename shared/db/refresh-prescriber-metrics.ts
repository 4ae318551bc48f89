/** Recomputes Rx count and last Rx date for the given prescribers at one pharmacy. */
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
