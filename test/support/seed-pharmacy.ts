/** Creates a pharmacy with an active DRX integration for tests. */
import type { Db } from '../../shared/db/create-db.js';

/** Inserts the pharmacy and its DRX integration row. */
export async function seedPharmacy(db: Db, id: string, over: { enabled?: boolean; syncIntervalMinutes?: number } = {}): Promise<void> {
  await db
    .insertInto('pharmacies')
    .values({ id, name: `Pharmacy ${id}`, enabled: over.enabled ?? true, sync_interval_minutes: over.syncIntervalMinutes ?? 15 })
    .execute();
  await db
    .insertInto('pharmacy_integrations')
    .values({ pharmacy_id: id, system: 'drx', base_url: 'http://127.0.0.1:1/external_api/v1', secret_ref: `drx-api-key-${id}` })
    .execute();
}
