import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { ensureDatabase } from '../../local/postgres/embedded-postgres.js';
import { testDatabaseUrl } from '../../test/support/test-db.js';
import { syncFixture } from '../../test/support/sync-fixture.js';
import { sql } from 'kysely';
import { createDb, type DbHandle } from '../db/create-db.js';
import { migrate } from '../db/migrate.js';
import { syncDuePharmacies } from './sync-due-pharmacies.js';
import { acquireLease } from './sync-lease.js';

// The sweep syncs every due pharmacy in the database, so it gets a database of its own
// instead of sweeping up the pharmacies of tests running beside it.
let h: DbHandle;
let database = '';
beforeAll(async () => {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/rxbridge_due_${randomBytes(4).toString('hex')}`;
  database = url.pathname.slice(1);
  await ensureDatabase(testDatabaseUrl(), database);
  h = createDb(url.toString(), { max: 3 });
  await migrate(h.pool);
});
afterAll(async () => {
  await h.close();
  const admin = createDb(testDatabaseUrl(), { max: 1 });
  await sql.raw(`drop database if exists "${database}" with (force)`).execute(admin.db);
  await admin.close();
});

describe('syncDuePharmacies', () => {
  it('syncs each due pharmacy as scheduled, full when never reconciled, and skips one whose sync is running', async () => {
    const a = await syncFixture(h);
    const b = await syncFixture(h);
    const deps = { ...a.deps, openSource: async (i: { pharmacyId: string }) => (i.pharmacyId === a.pharmacyId ? a.source : b.source) };
    const running = randomUUID();
    expect(await acquireLease(h.db, { pharmacyId: b.pharmacyId, system: 'drx', runId: running, holder: 'elsewhere', ttlSeconds: 600 })).toEqual({ ok: true });

    const summaries = await syncDuePharmacies(deps, { reconcileIntervalHours: 24 });
    expect(summaries.map((s) => [s.pharmacyId, s.kind, s.full, s.status])).toEqual([[a.pharmacyId, 'scheduled', true, 'succeeded']]);
    expect(b.source.requests).toEqual([]);

    // a ran just now (by the manual clock), so it is not due again.
    expect(await syncDuePharmacies(deps, { reconcileIntervalHours: 24 })).toEqual([]);
  });
});
