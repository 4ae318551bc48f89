import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { ManualClock } from '../time/clock.js';
import { createLeaseKeeper } from './lease-keeper.js';
import { acquireLease } from './sync-lease.js';

const h = openTestDb();
afterAll(() => h.close());

describe('createLeaseKeeper', () => {
  it('renews only once a third of the lease has passed, and reports a lease taken over', async () => {
    const pharmacyId = uniquePharmacyId();
    await seedPharmacy(h.db, pharmacyId);
    const key = { pharmacyId, system: 'drx' as const, runId: randomUUID() };
    expect(await acquireLease(h.db, { ...key, holder: 'me', ttlSeconds: 60 })).toEqual({ ok: true });
    // Pretend the lease is about to run out, so a renewal is visible in expires_at.
    const soon = new Date(Date.now() + 5_000);
    await h.db.updateTable('sync_leases').set({ expires_at: soon }).where('pharmacy_id', '=', pharmacyId).execute();
    const expiresAt = () => h.db.selectFrom('sync_leases').select('expires_at').where('pharmacy_id', '=', pharmacyId).executeTakeFirstOrThrow().then((r) => r.expires_at);

    const clock = new ManualClock(new Date('2026-02-01T00:00:00Z'));
    const keeper = createLeaseKeeper(h.db, clock, { ...key, ttlSeconds: 60 });
    clock.advance(19_000);
    await keeper.keepAlive();
    expect(await expiresAt()).toEqual(soon);

    clock.advance(1_000);
    await keeper.keepAlive();
    expect((await expiresAt()).getTime()).toBeGreaterThan(Date.now() + 50_000);

    // Another instance took the lease over: the next due renewal says so.
    await h.db.updateTable('sync_leases').set({ run_id: randomUUID() }).where('pharmacy_id', '=', pharmacyId).execute();
    await keeper.keepAlive();
    clock.advance(20_000);
    await expect(keeper.keepAlive()).rejects.toMatchObject({ kind: 'conflict', code: 'sync_lease_lost' });
  });
});
