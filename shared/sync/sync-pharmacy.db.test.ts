import { afterAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/test-db.js';
import { prescriptionRow } from '../../test/support/drx-rows.js';
import { syncFixture } from '../../test/support/sync-fixture.js';
import { AppError } from '../errors/app-error.js';
import { syncPharmacy } from './sync-pharmacy.js';

const h = openTestDb();
afterAll(() => h.close());

const cursors = (pharmacyId: string) =>
  h.db.selectFrom('sync_cursors').select(['stream', 'cursor_value', 'window_offset', 'window_after']).where('pharmacy_id', '=', pharmacyId).orderBy('stream').execute();

const storedPrescriptions = (pharmacyId: string) =>
  h.db.selectFrom('prescriptions').select(['external_id', 'content_hash']).where('pharmacy_id', '=', pharmacyId).orderBy('external_id').execute();

describe('syncPharmacy', () => {
  it('stores everything on a first sync and reports it in the summary, the run log and a live update', async () => {
    const f = await syncFixture(h);
    f.source.addInvalid('doctors', { externalId: 'd-bad', reason: 'npi fails Luhn check' });
    f.source.addInvalid('prescriptions', { externalId: 'rx-bad', reason: 'refills is negative' });
    const summary = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'manual', full: false });

    expect(summary.status).toBe('succeeded');
    expect(summary.streams.doctors).toMatchObject({ status: 'succeeded', fetched: 26, created: 25, invalid: 1, pages: 3 });
    expect(summary.streams.prescriptions).toMatchObject({ status: 'succeeded', fetched: 41, created: 40, invalid: 1, pages: 5 });
    expect(summary.streams.fills).toMatchObject({ status: 'succeeded', fetched: 40, created: 40, invalid: 0, pages: 4 });
    expect(summary.totals).toEqual({ fetched: 107, created: 105, updated: 0, unchanged: 0, invalid: 2, failed: 0 });
    expect(summary.message).toBe(`${f.pharmacyId}: 25 new prescribers, 40 new Rxs, 2 invalid records skipped`);
    expect(summary.highlights).toHaveLength(5);
    expect(summary.highlights[0]).toMatch(/^Dr\. \w+ has 2 new Rxs$/);
    expect(summary.durationMs).toBe(f.source.requests.length * 1000);

    const log = await h.db.selectFrom('integration_logs').selectAll().where('id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'succeeded', kind: 'manual', source: 'drx', fetched: 107, created: 105, invalid: 2, failed: 0, error: null, duration_ms: summary.durationMs });
    expect(log.counts).toMatchObject({ prescriptions: { created: 40, invalid: 1, status: 'succeeded' } });

    const outbox = await h.db.selectFrom('outbox').select(['topic', 'payload']).where('pharmacy_id', '=', f.pharmacyId).execute();
    expect(outbox).toEqual([
      { topic: 'live-updates', payload: expect.objectContaining({ type: 'sync.completed', runId: summary.runId, status: 'succeeded', newPrescribers: 25, newPrescriptions: 40, highlights: summary.highlights }) },
    ]);

    const invalid = await h.db.selectFrom('invalid_records').select(['stream', 'external_id', 'reason', 'run_id']).where('pharmacy_id', '=', f.pharmacyId).orderBy('stream').execute();
    expect(invalid).toEqual([
      { stream: 'doctors', external_id: 'd-bad', reason: 'npi fails Luhn check', run_id: summary.runId },
      { stream: 'prescriptions', external_id: 'rx-bad', reason: 'refills is negative', run_id: summary.runId },
    ]);

    // The cursor is the largest stored date (Jan 28 10:00 for Rxs, 12:00 for fills), never our clock.
    expect(await cursors(f.pharmacyId)).toEqual([
      { stream: 'doctors', cursor_value: null, window_offset: null, window_after: null },
      { stream: 'fills', cursor_value: new Date('2026-01-28T12:00:00Z'), window_offset: null, window_after: null },
      { stream: 'prescriptions', cursor_value: new Date('2026-01-28T10:00:00Z'), window_offset: null, window_after: null },
    ]);
    const metrics = await h.db.selectFrom('prescriber_metrics').select((eb) => eb.fn.sum<string>('rx_count').as('n')).where('pharmacy_id', '=', f.pharmacyId).executeTakeFirstOrThrow();
    expect(Number(metrics.n)).toBe(40);
    const integration = await h.db.selectFrom('pharmacy_integrations').select(['last_success_at', 'last_full_sync_at']).where('pharmacy_id', '=', f.pharmacyId).executeTakeFirstOrThrow();
    expect(integration).toEqual({ last_success_at: new Date(summary.finishedAt), last_full_sync_at: null });
  });

  it('asks for after_date = cursor − overlap on an incremental run and counts replayed rows as unchanged', async () => {
    const f = await syncFixture(h);
    await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    f.source.add('prescriptions', [prescriptionRow(100, f.doctorBase, 28, { activityAt: new Date('2026-01-29T08:00:00Z') })]);
    f.source.requests.length = 0;

    const summary = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    const afterDates = (stream: string) => [...new Set(f.source.requests.filter((r) => r.stream === stream).map((r) => r.afterDate?.toISOString() ?? null))];
    expect(afterDates('doctors')).toEqual([null]);
    expect(afterDates('prescriptions')).toEqual(['2026-01-28T09:00:00.000Z']);
    expect(afterDates('fills')).toEqual(['2026-01-28T11:00:00.000Z']);
    // Rxs dated after 09:00 on Jan 28: the one already stored (rx27, 10:00) and the new one.
    expect(summary.streams.prescriptions).toMatchObject({ fetched: 2, created: 1, unchanged: 1, updated: 0 });
    expect(summary.streams.doctors).toMatchObject({ fetched: 25, created: 0, unchanged: 25 });
    expect(summary.message).toBe(`${f.pharmacyId}: 0 new prescribers, 1 new Rx`);
    expect((await cursors(f.pharmacyId)).find((c) => c.stream === 'prescriptions')?.cursor_value).toEqual(new Date('2026-01-29T08:00:00Z'));
  });

  it('ignores cursors on a full run, catches changes after_date cannot see, and records the full sync', async () => {
    const f = await syncFixture(h);
    await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    // Refills changed on an old Rx: no new fill, so after_date does not see it.
    f.source.replace('prescriptions', prescriptionRow(3, f.doctorBase + 3, undefined, { refills: 0 }));
    f.source.requests.length = 0;

    const summary = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'manual', full: true });
    expect(new Set(f.source.requests.map((r) => r.afterDate))).toEqual(new Set([null]));
    expect(summary.streams.prescriptions).toMatchObject({ fetched: 40, created: 0, updated: 1, unchanged: 39 });
    const rx3 = await h.db.selectFrom('prescriptions').select('refills').where('pharmacy_id', '=', f.pharmacyId).where('external_id', '=', 'rx3').executeTakeFirstOrThrow();
    expect(rx3.refills).toBe(0);
    const integration = await h.db.selectFrom('pharmacy_integrations').select('last_full_sync_at').where('pharmacy_id', '=', f.pharmacyId).executeTakeFirstOrThrow();
    expect(integration.last_full_sync_at).toEqual(new Date(summary.startedAt));
  });

  it('keeps doctors and the old cursor when prescriptions fail mid-stream, then resumes from the committed page', async () => {
    const f = await syncFixture(h);
    await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    const before = (await cursors(f.pharmacyId)).find((c) => c.stream === 'prescriptions')?.cursor_value;
    // 25 new Rxs dated Jan 30/31: the incremental window has 3 pages.
    const newer = Array.from({ length: 25 }, (_, i) => prescriptionRow(200 + i, f.doctorBase + i, 30 + (i % 2), { activityAt: new Date(`2026-01-${30 + (i % 2)}T10:00:00Z`) }));
    f.source.add('prescriptions', newer);
    f.source.fail((stream, req) => (stream === 'prescriptions' && req.offset === 10 ? new AppError('retryable', 'drx_unavailable', 'DRX answered 503') : null));

    const failed = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    expect(failed.status).toBe('partial');
    expect(failed.streams.doctors.status).toBe('succeeded');
    expect(failed.streams.prescriptions).toMatchObject({ status: 'failed', errorCode: 'drx_unavailable', pages: 1, failed: 0 });
    expect(failed.streams.fills.status).toBe('succeeded');
    expect(failed.message).toContain('; partial: prescriptions failed (drx_unavailable)');
    const open = (await cursors(f.pharmacyId)).find((c) => c.stream === 'prescriptions');
    expect(open).toMatchObject({ cursor_value: before, window_offset: 10 });
    const log = await h.db.selectFrom('integration_logs').select(['status', 'error_code', 'error']).where('id', '=', failed.runId).executeTakeFirstOrThrow();
    expect(log).toEqual({ status: 'partial', error_code: 'drx_unavailable', error: 'DRX answered 503' });

    f.source.clearFaults();
    f.source.requests.length = 0;
    const resumed = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    expect(resumed.status).toBe('succeeded');
    const rxRequests = f.source.requests.filter((r) => r.stream === 'prescriptions');
    expect(rxRequests.map((r) => r.offset)).toEqual([10, 20]);
    expect(rxRequests[0]?.afterDate).toEqual(open?.window_after);
    // The window also holds rx27 (Jan 28 10:00, inside the overlap), so pages 2–3 hold 16 of the 25 new Rxs.
    expect(resumed.streams.prescriptions).toMatchObject({ fetched: 16, created: 16 });
    expect(await storedPrescriptions(f.pharmacyId)).toHaveLength(65);
    expect((await cursors(f.pharmacyId)).find((c) => c.stream === 'prescriptions')).toMatchObject({ cursor_value: new Date('2026-01-31T10:00:00Z'), window_offset: null });
  });

  it('ends with every record exactly once and correct after a crash mid-stream and another run', async () => {
    const f = await syncFixture(h, { prescriptions: 57 });
    f.source.fail((stream, req) => (stream === 'prescriptions' && req.offset === 30 ? new TypeError('cannot read sig of Pat Doe') : null));
    const crashed = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    expect(crashed.streams.prescriptions).toMatchObject({ status: 'failed', errorCode: 'internal', error: 'TypeError', pages: 3 });
    const log = await h.db.selectFrom('integration_logs').select(['error', 'error_code']).where('id', '=', crashed.runId).executeTakeFirstOrThrow();
    expect(log).toEqual({ error: 'TypeError', error_code: 'internal' });

    f.source.clearFaults();
    // An Rx changed on the DRX side between the runs: the resumed window must still store its latest content.
    f.source.replace('prescriptions', prescriptionRow(50, f.doctorBase + 0, undefined, { refills: 1 }));
    const again = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    expect(again.status).toBe('succeeded');
    const expected = f.source.data.prescriptions
      .flatMap((it) => ('row' in it ? [{ external_id: it.row.externalId, content_hash: it.row.contentHash }] : []))
      .sort((a, b) => a.external_id.localeCompare(b.external_id));
    expect(await storedPrescriptions(f.pharmacyId)).toEqual(expected);
    const fills = await h.db.selectFrom('prescription_fills').select((eb) => eb.fn.countAll<string>().as('n')).where('pharmacy_id', '=', f.pharmacyId).executeTakeFirstOrThrow();
    expect(fills.n).toBe('57');
  });
});
