/** Reads a pharmacy's DRX integration: what the sync needs to open its page source. */
import type { DrxIntegrationInfo } from '../sync/sync-request.js';
import type { IntegrationStatus } from './database.js';
import type { Db } from './create-db.js';

export interface DrxIntegration extends DrxIntegrationInfo {
  /** The pharmacy's own switch. */
  enabled: boolean;
  status: IntegrationStatus;
}

/** The pharmacy's DRX integration, or null when the pharmacy or its integration does not exist. */
export async function findDrxIntegration(db: Db, pharmacyId: string): Promise<DrxIntegration | null> {
  const row = await db
    .selectFrom('pharmacies as p')
    .innerJoin('pharmacy_integrations as i', (j) => j.onRef('i.pharmacy_id', '=', 'p.id').on('i.system', '=', 'drx'))
    .select(['p.id', 'p.enabled', 'i.base_url', 'i.requests_per_second', 'i.secret_ref', 'i.status'])
    .where('p.id', '=', pharmacyId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    pharmacyId: row.id,
    baseUrl: row.base_url,
    requestsPerSecond: row.requests_per_second,
    secretRef: row.secret_ref,
    enabled: row.enabled,
    status: row.status,
  };
}
