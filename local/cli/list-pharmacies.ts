/** The rows `npm run pharmacy -- list` prints: no key, only its last 4 characters. */
import type { Db } from '../../shared/db/create-db.js';

export interface PharmacyListing {
  id: string;
  name: string;
  enabled: boolean;
  baseUrl: string | null;
  keyHint: string | null;
  status: string | null;
  requestsPerSecond: number | null;
  webhooksRegisteredAt: string | null;
  lastSuccessAt: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Every pharmacy with its DRX integration (if any), in id order. */
export async function listPharmacies(db: Db): Promise<PharmacyListing[]> {
  const rows = await db
    .selectFrom('pharmacies as p')
    .leftJoin('pharmacy_integrations as i', (j) => j.onRef('i.pharmacy_id', '=', 'p.id').on('i.system', '=', 'drx'))
    .select([
      'p.id',
      'p.name',
      'p.enabled',
      'i.base_url',
      'i.key_last4',
      'i.status',
      'i.requests_per_second',
      'i.webhooks_registered_at',
      'i.last_success_at',
    ])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    baseUrl: r.base_url,
    keyHint: r.key_last4 === null ? null : `****${r.key_last4}`,
    status: r.status,
    requestsPerSecond: r.requests_per_second,
    webhooksRegisteredAt: iso(r.webhooks_registered_at),
    lastSuccessAt: iso(r.last_success_at),
  }));
}
