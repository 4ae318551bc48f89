import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrChronoApi } from '../drchrono/drchrono-api.js';
import { connectSandboxPractice, cursorsOf, startEhrSyncHarness, type EhrSyncHarness } from './ehr-sync.testkit.js';
import type { EhrSyncDeps } from './ehr-sync-deps.js';
import { syncPractice } from './sync-practice.js';
import { finishPracticeSync } from './finish-practice-sync.js';
import { beginFullPass } from './full-pass.js';
import { emptyEhrCounts, type EhrStreamResult } from './practice-sync-summary.js';
import { startRun } from '../sync/run-log.js';

let h: EhrSyncHarness;
beforeAll(async () => {
  h = await startEhrSyncHarness();
});
afterAll(() => h.close());

const HOUR = 3_600_000;
const db = () => h.t.rt.db;

/**
 * Deps whose API waits at a gate the first time `patch` makes it (patch wraps one API method and calls `gate`);
 * `reached` resolves when the gate is hit, `release` opens it.
 */
function stallApi(deps: EhrSyncDeps, patch: (api: DrChronoApi, gate: () => Promise<void>) => void) {
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const reachedP = new Promise<void>((r) => (reached = r));
  let stalled = false;
  const gate = async () => {
    if (stalled) return;
    stalled = true;
    reached();
    await released;
  };
  const stalling: EhrSyncDeps = {
    ...deps,
    openApi: async (practiceId) => {
      const api = await deps.openApi(practiceId);
      patch(api, gate);
      return api;
    },
  };
  return { deps: stalling, reached: reachedP, release };
}

/** Deps whose API holds the first `list` of `kind` until released. */
function stallFirstList(deps: EhrSyncDeps, kind: Parameters<DrChronoApi['list']>[0]) {
  return stallApi(deps, (api, gate) => {
    const list = api.list.bind(api);
    api.list = async (k, query) => {
      if (k === kind) await gate();
      return list(k, query);
    };
  });
}

/** Another instance takes the practice's lease over (as after this run's lease expired); returns its run id. */
async function takeOverLease(practiceId: string): Promise<string> {
  const successor = randomUUID();
  await db().updateTable('practice_sync_leases').set({ run_id: successor, holder: 'other-instance' }).where('practice_id', '=', practiceId).execute();
  return successor;
}

describe('syncPractice under a lost lease', () => {
  it('commits no page after another run took the lease over while the page was being fetched', async () => {
    const p = await connectSandboxPractice(h, { patients: 4, pageSize: 5 });
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    const before = await cursorsOf(h, p.id);
    h.clock.advance(2 * HOUR);
    const changed = p.remote.data.patients[1];
    if (!changed) throw new Error('no patient');
    const storedBefore = await db().selectFrom('patients').select('source_updated_at').where('practice_id', '=', p.id).where('drchrono_id', '=', String(changed.id)).executeTakeFirstOrThrow();
    p.remote.modifyPatient(changed.id);

    // The patients page stalls; meanwhile the lease expires and another instance takes it over.
    const stall = stallFirstList(p.deps, 'patients');
    const run = syncPractice(stall.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    await stall.reached;
    const successor = await takeOverLease(p.id);
    stall.release();
    const summary = await run;

    expect(summary.errorCode).toBe('sync_lease_lost');
    expect(summary.streams.patients).toMatchObject({ status: 'failed', errorCode: 'sync_lease_lost', pages: 0 });
    expect(summary.streams.appointments.status).toBe('skipped');
    // The stale page neither stored the change nor moved the cursor.
    const after = await cursorsOf(h, p.id);
    expect(after.patients?.cursor_value).toEqual(before.patients?.cursor_value);
    const stored = await db().selectFrom('patients').select('source_updated_at').where('practice_id', '=', p.id).where('drchrono_id', '=', String(changed.id)).executeTakeFirstOrThrow();
    expect(stored).toEqual(storedBefore);
    expect(await db().selectFrom('practice_sync_leases').select('run_id').where('practice_id', '=', p.id).execute()).toEqual([{ run_id: successor }]);
  });

});

describe('line item deletions under a lost lease', () => {
  it('are not applied by a run whose lease was taken over while it read them', async () => {
    const p = await connectSandboxPractice(h, { patients: 3, pageSize: 5 });
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    h.clock.advance(2 * HOUR);
    const item = p.remote.data.lineItems[0];
    if (!item) throw new Error('no line item');
    p.remote.deleteLineItem(item.id);

    const stall = stallApi(p.deps, (api, gate) => {
      const read = api.lineItemDeletions.bind(api);
      api.lineItemDeletions = async (since) => {
        await gate();
        return read(since);
      };
    });
    const run = syncPractice(stall.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    await stall.reached;
    await takeOverLease(p.id);
    stall.release();
    const summary = await run;

    expect(summary.streams.line_items).toMatchObject({ status: 'failed', errorCode: 'sync_lease_lost', deleted: 0 });
    const stored = await db().selectFrom('line_items').select('deleted_at').where('drchrono_id', '=', String(item.id)).executeTakeFirstOrThrow();
    expect(stored.deleted_at).toBeNull();
  });
});

describe('a practice run that lost its lease before its bookkeeping', () => {
  const practiceState = (id: string) =>
    db().selectFrom('practices').select(['last_success_at', 'last_full_sync_at', 'full_pass_started_at', 'last_error', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();

  /** A connected practice whose full pass `pass` is open and whose lease is held by another run. */
  async function takenOver() {
    const p = await connectSandboxPractice(h, { patients: 1 });
    const pass = new Date('2026-03-01T00:00:00Z');
    await db().updateTable('practices').set({ full_pass_started_at: pass }).where('id', '=', p.id).execute();
    await db()
      .insertInto('practice_sync_leases')
      .values({ practice_id: p.id, run_id: randomUUID(), holder: 'other-instance', acquired_at: new Date(), expires_at: new Date(Date.now() + 60_000) })
      .execute();
    return { p, pass };
  }

  it('does not start a fresh full pass over the one the lease holder works on', async () => {
    const { p, pass } = await takenOver();
    await beginFullPass(db(), { lease: { practiceId: p.id, runId: randomUUID() }, now: h.clock.now(), fresh: true });
    expect((await practiceState(p.id)).full_pass_started_at).toEqual(pass);
  });

  it('finishes its own log row but leaves the practice status and the open full pass alone', async () => {
    const { p } = await takenOver();
    const before = await practiceState(p.id);
    const runId = randomUUID();
    const startedAt = h.clock.now();
    await startRun(db(), { id: runId, correlationId: runId, source: 'drchrono', kind: 'scheduled', pharmacyId: null, practiceId: p.id, full: true, startedAt });
    const ok = (): EhrStreamResult => ({ ...emptyEhrCounts(), status: 'succeeded', pages: 1 });
    const finished = await finishPracticeSync(db(), {
      runId, practiceId: p.id, full: true, fullPass: startedAt, status: 'succeeded', startedAt, finishedAt: new Date(startedAt.getTime() + 1000),
      streams: { patients: ok(), appointments: ok(), clinical_notes: ok(), line_items: ok(), medications: ok(), problems: ok(), allergies: ok(), insurances: ok() },
      totals: emptyEhrCounts(), pendingPatients: 0, error: null,
    });
    expect(finished.leaseHeld).toBe(false);
    // A 'succeeded' stale run would otherwise close the holder's pass and claim a full sync it did not make.
    expect(await practiceState(p.id)).toEqual(before);
    const row = await db().selectFrom('integration_logs').select(['status', 'details']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'succeeded', details: { leaseLost: true } });
  });
});
