/** The pharmacies with their DRX integration's health, for the admin listing (never a key). */
import type { IntegrationStatus } from './database.js';
import type { Db } from './create-db.js';

export interface PharmacyListing {
  id: string;
  name: string;
  enabled: boolean;
  syncIntervalMinutes: number;
  drx: {
    status: IntegrationStatus;
    baseUrl: string;
    /** `****abcd`: the last four characters only. */
    keyHint: string | null;
    requestsPerSecond: number;
    lastHeartbeatAt: string | null;
    lastSuccessAt: string | null;
    lastFullSyncAt: string | null;
    lastError: string | null;
    webhooksRegisteredAt: string | null;
  } | null;
}

/** Every pharmacy, ordered by id, with its DRX integration (null when it has none). */
export async function listPharmacies(db: Db): Promise<PharmacyListing[]> {
  const rows = await db
    .selectFrom('pharmacies as p')
    .leftJoin('pharmacy_integrations as i', (j) => j.onRef('i.pharmacy_id', '=', 'p.id').on('i.system', '=', 'drx'))
    .select([
      'p.id',
      'p.name',
      'p.enabled',
      'p.sync_interval_minutes',
      'i.status',
      'i.base_url',
      'i.key_last4',
      'i.requests_per_second',
      'i.last_heartbeat_at',
      'i.last_success_at',
      'i.last_full_sync_at',
      'i.last_error',
      'i.webhooks_registered_at',
    ])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    syncIntervalMinutes: r.sync_interval_minutes,
    drx:
      r.status === null || r.base_url === null
        ? null
        : {
            status: r.status,
            baseUrl: r.base_url,
            keyHint: r.key_last4 ? `****${r.key_last4}` : null,
            requestsPerSecond: r.requests_per_second ?? 0,
            lastHeartbeatAt: iso(r.last_heartbeat_at),
            lastSuccessAt: iso(r.last_success_at),
            lastFullSyncAt: iso(r.last_full_sync_at),
            lastError: r.last_error,
            webhooksRegisteredAt: iso(r.webhooks_registered_at),
          },
  }));
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
