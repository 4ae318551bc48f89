import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { finishSync, type SyncOutcome } from './finish-sync.js';
import { startRun } from './run-log.js';
import { emptyCounts, type StreamResult } from './sync-summary.js';

const h = openTestDb();
afterAll(() => h.close());

const ok = (): StreamResult => ({ ...emptyCounts(), fetched: 3, created: 3, status: 'succeeded', pages: 1 });

/** A pharmacy with a started full run `runId`, whose lease row names `leaseRun`. */
async function startedRun(leaseRun: 'own' | 'other') {
  const pharmacyId = uniquePharmacyId();
  await seedPharmacy(h.db, pharmacyId);
  const runId = randomUUID();
  const startedAt = new Date('2026-05-01T10:00:00Z');
  await startRun(h.db, { id: runId, correlationId: runId, source: 'drx', kind: 'scheduled', pharmacyId, full: true, startedAt });
  await h.db
    .insertInto('sync_leases')
    .values({ pharmacy_id: pharmacyId, system: 'drx', run_id: leaseRun === 'own' ? runId : randomUUID(), holder: 'someone', acquired_at: startedAt, expires_at: new Date(Date.now() + 60_000) })
    .execute();
  const outcome: SyncOutcome = {
    runId, pharmacyId, full: true, status: 'succeeded', startedAt, finishedAt: new Date('2026-05-01T10:05:00Z'),
    streams: { doctors: ok(), prescriptions: ok(), fills: ok() }, totals: { ...emptyCounts(), fetched: 9, created: 9 },
    newPrescribers: 3, newPrescriptions: 3, highlights: [], error: null,
  };
  return { pharmacyId, runId, outcome };
}

const integration = (pharmacyId: string) =>
  h.db.selectFrom('pharmacy_integrations').select(['last_success_at', 'last_full_sync_at', 'last_error', 'updated_at']).where('pharmacy_id', '=', pharmacyId).where('system', '=', 'drx').executeTakeFirstOrThrow();
const runRow = (runId: string) => h.db.selectFrom('integration_logs').select(['status', 'details', 'finished_at']).where('id', '=', runId).executeTakeFirstOrThrow();

describe('finishSync and the lease', () => {
  it('writes the integration status while the run holds its lease', async () => {
    const r = await startedRun('own');
    expect(await finishSync(h.db, r.outcome)).toMatchObject({ leaseHeld: true, durationMs: 300_000 });
    expect(await integration(r.pharmacyId)).toMatchObject({ last_success_at: r.outcome.finishedAt, last_full_sync_at: r.outcome.startedAt });
    expect((await runRow(r.runId)).details).not.toHaveProperty('leaseLost');
  });

  it('finishes its own log row but leaves the integration status alone once another run took the lease over', async () => {
    const r = await startedRun('other');
    const before = await integration(r.pharmacyId);
    expect(await finishSync(h.db, { ...r.outcome, error: { code: 'drx_unavailable', message: 'stale failure' } })).toMatchObject({ leaseHeld: false });
    // Neither its success time, its full-sync time nor its error overwrote what the lease holder owns.
    expect(await integration(r.pharmacyId)).toEqual(before);
    expect(await runRow(r.runId)).toMatchObject({ status: 'succeeded', finished_at: r.outcome.finishedAt, details: { leaseLost: true, newPrescribers: 3 } });
    const events = await h.db.selectFrom('outbox').select('payload').where('pharmacy_id', '=', r.pharmacyId).execute();
    expect(events.map((e) => (e.payload as { runId?: string }).runId)).toContain(r.runId);
  });
});
