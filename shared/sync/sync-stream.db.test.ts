import { afterAll, describe, expect, it } from 'vitest';
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
