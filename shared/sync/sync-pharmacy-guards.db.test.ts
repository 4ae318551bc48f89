import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTestDb } from '../../test/support/test-db.js';
import { syncFixture } from '../../test/support/sync-fixture.js';
import { AppError } from '../errors/app-error.js';
import { syncPharmacy } from './sync-pharmacy.js';
import { acquireLease, releaseLease } from './sync-lease.js';

const h = openTestDb();
afterAll(() => h.close());

describe('syncPharmacy guards', () => {
  it('refuses an unknown pharmacy with not_found', async () => {
    const f = await syncFixture(h);
    const err = await syncPharmacy(f.deps, { pharmacyId: 'ph_unknown_x', kind: 'manual', full: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: 'not_found', code: 'unknown_pharmacy' });
  });

  it('lets exactly one of two concurrent syncs run and names the running run to the other', async () => {
    const f = await syncFixture(h);
    const gate = f.source.hold('doctors', 0);
    const a = syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'manual', full: false });
    const b = syncPharmacy({ ...f.deps, holderId: 'other-instance' }, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    // Whichever won holds the lease while its first page is held; the other must be refused meanwhile.
    const first = await Promise.race([a.then(() => 'done', () => 'refused'), b.then(() => 'done', () => 'refused')]);
    expect(first).toBe('refused');
    await gate.reached;
    gate.release();
    const results = await Promise.allSettled([a, b]);
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppError] : []));
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ kind: 'conflict', code: 'sync_running', message: `a sync is already running for ${f.pharmacyId}` });
    expect(refused[0]?.details).toMatchObject({ runId: ok[0]?.runId });
    const leases = await h.db.selectFrom('sync_leases').selectAll().where('pharmacy_id', '=', f.pharmacyId).execute();
    expect(leases).toEqual([]);
    const runs = await h.db.selectFrom('integration_logs').select('id').where('pharmacy_id', '=', f.pharmacyId).execute();
    expect(runs).toEqual([{ id: ok[0]?.runId }]);
  });

  it('takes over the lease of a holder that died, but not a live one', async () => {
    const f = await syncFixture(h);
    const dead = randomUUID();
    await h.db
      .insertInto('sync_leases')
      .values({ pharmacy_id: f.pharmacyId, system: 'drx', run_id: dead, holder: 'dead-instance', acquired_at: new Date(Date.now() - 3600_000), expires_at: new Date(Date.now() - 60_000) })
      .execute();
    const summary = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    expect(summary.status).toBe('succeeded');

    const live = randomUUID();
    expect(await acquireLease(h.db, { pharmacyId: f.pharmacyId, system: 'drx', runId: live, holder: 'live-instance', ttlSeconds: 60 })).toEqual({ ok: true });
    const refused = await acquireLease(h.db, { pharmacyId: f.pharmacyId, system: 'drx', runId: randomUUID(), holder: 'me', ttlSeconds: 60 });
    expect(refused).toMatchObject({ ok: false, runningRunId: live, holder: 'live-instance' });
    // Releasing someone else's lease does nothing.
    await releaseLease(h.db, { pharmacyId: f.pharmacyId, system: 'drx', runId: dead });
    expect(await h.db.selectFrom('sync_leases').select('run_id').where('pharmacy_id', '=', f.pharmacyId).execute()).toEqual([{ run_id: live }]);
  });

  it('stops the run on an invalid DRX key, marks the integration and does not attempt later streams', async () => {
    const f = await syncFixture(h);
    f.source.fail((stream) => (stream === 'prescriptions' ? new AppError('permanent', 'invalid_drx_key', 'invalid DRX key (****beef)') : null));
    const summary = await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'scheduled', full: false });
    expect(summary.status).toBe('failed');
    expect(summary.streams.doctors.status).toBe('succeeded');
    expect(summary.streams.prescriptions).toMatchObject({ status: 'failed', errorCode: 'invalid_drx_key' });
    expect(summary.streams.fills.status).toBe('skipped');
    expect(f.source.requests.filter((r) => r.stream === 'fills')).toEqual([]);
    const integration = await h.db.selectFrom('pharmacy_integrations').select(['status', 'last_error', 'last_success_at']).where('pharmacy_id', '=', f.pharmacyId).executeTakeFirstOrThrow();
    expect(integration).toEqual({ status: 'invalid_key', last_error: 'invalid DRX key (****beef)', last_success_at: null });
    const log = await h.db.selectFrom('integration_logs').select(['status', 'error_code']).where('id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(log).toEqual({ status: 'failed', error_code: 'invalid_drx_key' });

    // Once the key works again (a Sync Now after fixing it), the integration is active again.
    f.source.clearFaults();
    expect((await syncPharmacy(f.deps, { pharmacyId: f.pharmacyId, kind: 'manual', full: false })).status).toBe('succeeded');
    const fixed = await h.db.selectFrom('pharmacy_integrations').select(['status', 'last_error']).where('pharmacy_id', '=', f.pharmacyId).executeTakeFirstOrThrow();
    expect(fixed).toEqual({ status: 'active', last_error: null });
  });

  it('fails the run without touching any stream when the source cannot be opened', async () => {
    const f = await syncFixture(h);
    const deps = { ...f.deps, openSource: () => Promise.reject(new AppError('permanent', 'secret_missing', `no DRX key stored for ${f.pharmacyId}`)) };
    const summary = await syncPharmacy(deps, { pharmacyId: f.pharmacyId, kind: 'manual', full: false });
    expect(summary.status).toBe('failed');
    expect(Object.values(summary.streams).map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(summary.message).toBe(`${f.pharmacyId}: 0 new prescribers, 0 new Rxs; failed`);
  });
});
