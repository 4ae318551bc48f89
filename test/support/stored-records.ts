/** What the database holds for one pharmacy, as DRX external ids, for exactly-once checks. */
import type { Db } from '../../shared/db/create-db.js';
import type { ValidIds } from './sandbox-valid.js';

/** Sorted external ids per stream; duplicates would show as repeated ids. */
export async function storedIds(db: Db, pharmacyId: string): Promise<ValidIds> {
  const [doctors, prescriptions, fills] = await Promise.all([
    db.selectFrom('pharmacy_prescribers').select('external_id').where('pharmacy_id', '=', pharmacyId).execute(),
    db.selectFrom('prescriptions').select('external_id').where('pharmacy_id', '=', pharmacyId).execute(),
    db.selectFrom('prescription_fills').select('external_id').where('pharmacy_id', '=', pharmacyId).execute(),
  ]);
  const sorted = (rows: Array<{ external_id: string }>) => rows.map((r) => r.external_id).sort((a, b) => Number(a) - Number(b));
  return { doctors: sorted(doctors), prescriptions: sorted(prescriptions), fills: sorted(fills) };
}
