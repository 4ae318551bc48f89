import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTestDb } from '../../test/support/test-db.js';
import { syncFixture } from '../../test/support/sync-fixture.js';
import { AppError } from '../errors/app-error.js';
import { syncPharmacy } from './sync-pharmacy.js';

const h = openTestDb();
afterAll(() => h.close());

const rxWindow = (pharmacyId: string) =>
  h.db.selectFrom('sync_cursors').select(['window_offset', 'window_full']).where('pharmacy_id', '=', pharmacyId).where('stream', '=', 'prescriptions').executeTakeFirstOrThrow();

const metricsTotal = async (pharmacyId: string) => {
  const r = await h.db.selectFrom('prescriber_metrics').select((eb) => eb.fn.sum<string>('rx_count').as('n')).where('pharmacy_id', '=', pharmacyId).executeTakeFirstOrThrow();
  return Number(r.n);
};

describe('syncStream', () => {
  it('commits no page after another run took the lease over, even a page fetched before the takeover', async () => {
    const f = await syncFixture(h);
    // The window's last page stalls; meanwhile the lease expires and another instance takes it over.
    const gate = f.source.hold('prescriptions', 30);
    const run = syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    await gate.reached;
    const successor = randomUUID();
    await h.db.updateTable('sync_leases').set({ run_id: successor, holder: 'other-instance' }).where('pharmacy_id', '=', f.pharmacyId).execute();
    gate.release();
    const summary = await run;

    expect(summary.status).toBe('failed');
    expect(summary.streams.prescriptions).toMatchObject({ status: 'failed', errorCode: 'sync_lease_lost' });
    expect(summary.streams.fills.status).toBe('skipped');
    // The stale last page neither stored its rows nor closed the window and moved the cursor.
    const cursor = await h.db.selectFrom('sync_cursors').select(['cursor_value', 'window_offset']).where('pharmacy_id', '=', f.pharmacyId).where('stream', '=', 'prescriptions').executeTakeFirstOrThrow();
    expect(cursor.cursor_value).toBeNull();
    expect(cursor.window_offset).not.toBeNull();
    expect(cursor.window_offset).toBeLessThanOrEqual(30);
    const stored = await h.db.selectFrom('prescriptions').select((eb) => eb.fn.countAll<string>().as('n')).where('pharmacy_id', '=', f.pharmacyId).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBeLessThanOrEqual(30);
    // The successor's lease is left alone.
    expect(await h.db.selectFrom('sync_leases').select('run_id').where('pharmacy_id', '=', f.pharmacyId).execute()).toEqual([{ run_id: successor }]);
  });

  it("never advances the window from a page written after the takeover, even one written as a single statement", async () => {
    const f = await syncFixture(h);
    // A page in the middle of the window stalls (its write is the one-statement form, no transaction).
    const gate = f.source.hold('prescriptions', 10);
    const run = syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    await gate.reached;
    // Pages are fetched ahead of their writes: let the page before the stalled one commit its advance first.
    for (let i = 0; i < 200 && (await rxWindow(f.pharmacyId)).window_offset !== 10; i++) await new Promise((r) => setTimeout(r, 10));
    const before = await rxWindow(f.pharmacyId);
    expect(before.window_offset).toBe(10);
    await h.db.updateTable('sync_leases').set({ run_id: randomUUID(), holder: 'other-instance' }).where('pharmacy_id', '=', f.pharmacyId).execute();
    gate.release();
    const summary = await run;

    expect(summary.streams.prescriptions).toMatchObject({ status: 'failed', errorCode: 'sync_lease_lost' });
    const after = await h.db.selectFrom('sync_cursors').select(['cursor_value', 'window_offset']).where('pharmacy_id', '=', f.pharmacyId).where('stream', '=', 'prescriptions').executeTakeFirstOrThrow();
    expect(after.cursor_value).toBeNull();
    expect(after.window_offset).toBe(before.window_offset);
  });

  it('stores the advance of pages that had nothing to write when the stream fails, so the next run resumes there', async () => {
    const f = await syncFixture(h, { prescriptions: 57 });
    await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: true });
    f.source.fail((stream, req) => (stream === 'prescriptions' && req.offset === 30 ? new AppError('retryable', 'drx_unavailable', 'DRX answered 503') : null));

    const failed = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'manual', full: true });
    expect(failed.streams.prescriptions).toMatchObject({ status: 'failed', pages: 3, unchanged: 30, created: 0, updated: 0 });
    expect(await rxWindow(f.pharmacyId)).toEqual({ window_offset: 30, window_full: true });

    f.source.clearFaults();
    f.source.requests.length = 0;
    const resumed = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'manual', full: true });
    expect(resumed.status).toBe('succeeded');
    expect(f.source.requests.filter((r) => r.stream === 'prescriptions').map((r) => r.offset)).toEqual([30, 40, 50]);
    expect(resumed.streams.prescriptions).toMatchObject({ fetched: 27, unchanged: 27 });
    expect(await rxWindow(f.pharmacyId)).toEqual({ window_offset: null, window_full: false });
  });

  it('recomputes prescriber metrics once per stream, and after a run that left its window open even when nothing is written', async () => {
    const f = await syncFixture(h);
    await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    expect(await metricsTotal(f.pharmacyId)).toBe(40);

    // A run that died after writing rows but before the stream's end: its window is open and the metrics are stale.
    await h.db.updateTable('prescriber_metrics').set({ rx_count: 99 }).where('pharmacy_id', '=', f.pharmacyId).execute();
    await h.db.updateTable('sync_cursors').set({ window_offset: 0, window_full: false, window_after: null }).where('pharmacy_id', '=', f.pharmacyId).where('stream', '=', 'prescriptions').execute();
    const healed = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    expect(healed.streams.prescriptions).toMatchObject({ created: 0, updated: 0, unchanged: 40 });
    expect(await metricsTotal(f.pharmacyId)).toBe(40);

    // Without an interrupted window or a write, the (already correct) metrics are not recomputed.
    await h.db.updateTable('prescriber_metrics').set({ rx_count: 7 }).where('pharmacy_id', '=', f.pharmacyId).execute();
    await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'manual', full: true });
    expect(await metricsTotal(f.pharmacyId)).toBe(7 * 25);
  });
});
