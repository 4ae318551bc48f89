import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { listDuePharmacies } from './list-due-pharmacies.js';
import { findDrxIntegration } from './find-drx-integration.js';

const h = openTestDb();
afterAll(() => h.close());

const NOW = new Date('2031-03-01T12:00:00Z');

async function ranAt(pharmacyId: string, startedAt: Date, kind: 'scheduled' | 'webhook' = 'scheduled') {
  await h.db
    .insertInto('integration_logs')
    .values({ id: randomUUID(), correlation_id: 'c', source: 'drx', kind, pharmacy_id: pharmacyId, status: 'succeeded', started_at: startedAt, counts: '{}', details: '{}' })
    .execute();
}

describe('listDuePharmacies', () => {
  it('lists never-synced and overdue pharmacies, not recent, disabled or invalid-key ones, and flags stale full syncs', async () => {
    const [never, overdue, recent, disabled, badKey, webhookOnly, jitter] = Array.from({ length: 7 }, () => uniquePharmacyId('ph_due'));
    for (const id of [never, overdue, recent, badKey, webhookOnly, jitter]) await seedPharmacy(h.db, id!);
    // Last run started 14 m 50 s ago: a 15-minute tick that fires slightly early must still find it due.
    await ranAt(jitter!, new Date(NOW.getTime() - (15 * 60 - 10) * 1000));
    await seedPharmacy(h.db, disabled!, { enabled: false });
    await h.db.updateTable('pharmacy_integrations').set({ status: 'invalid_key' }).where('pharmacy_id', '=', badKey!).execute();
    await ranAt(overdue!, new Date(NOW.getTime() - 16 * 60_000));
    await h.db.updateTable('pharmacy_integrations').set({ last_full_sync_at: new Date(NOW.getTime() - 3600_000) }).where('pharmacy_id', '=', overdue!).execute();
    await ranAt(recent!, new Date(NOW.getTime() - 5 * 60_000));
    await ranAt(webhookOnly!, new Date(NOW.getTime() - 60_000), 'webhook');

    const due = (await listDuePharmacies(h.db, { now: NOW, reconcileIntervalHours: 24 })).filter((d) => d.pharmacyId.startsWith('ph_due'));
    const mine = new Map(due.filter((d) => [never, overdue, recent, disabled, badKey, webhookOnly, jitter].includes(d.pharmacyId)).map((d) => [d.pharmacyId, d.full]));
    expect(mine).toEqual(new Map([[never!, true], [overdue!, false], [webhookOnly!, true], [jitter!, true]]));
  });
});

describe('findDrxIntegration', () => {
  it('returns what the sync needs, and null for an unknown pharmacy', async () => {
    const id = uniquePharmacyId();
    await seedPharmacy(h.db, id);
    expect(await findDrxIntegration(h.db, id)).toEqual({
      pharmacyId: id,
      baseUrl: 'http://127.0.0.1:1/external_api/v1',
      requestsPerSecond: 1,
      secretRef: `drx-api-key-${id}`,
      enabled: true,
      status: 'active',
    });
    expect(await findDrxIntegration(h.db, 'ph_nobody_here')).toBeNull();
  });
});
