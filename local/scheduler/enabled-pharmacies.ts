/** Which pharmacies the local scheduler runs jobs for. */
import type { Db } from '../../shared/db/create-db.js';

/** Ids of enabled pharmacies that have a DRX integration, in id order. */
export async function listEnabledDrxPharmacyIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('pharmacies')
    .innerJoin('pharmacy_integrations', 'pharmacy_integrations.pharmacy_id', 'pharmacies.id')
    .select('pharmacies.id')
    .where('pharmacies.enabled', '=', true)
    .where('pharmacy_integrations.system', '=', 'drx')
    .orderBy('pharmacies.id')
    .execute();
  return rows.map((r) => r.id);
}
