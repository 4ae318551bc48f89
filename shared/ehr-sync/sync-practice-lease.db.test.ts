import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrChronoApi } from '../drchrono/drchrono-api.js';
import { connectSandboxPractice, cursorsOf, startEhrSyncHarness, type EhrSyncHarness } from './ehr-sync.testkit.js';
import type { EhrSyncDeps } from './ehr-sync-deps.js';
import { syncPractice } from './sync-practice.js';

let h: EhrSyncHarness;
beforeAll(async () => {
  h = await startEhrSyncHarness();
});
afterAll(() => h.close());

const HOUR = 3_600_000;
const db = () => h.t.rt.db;

/** Deps whose API holds the first `list` of `kind` until released; `reached` resolves when it is asked for. */
function stallFirstList(deps: EhrSyncDeps, kind: Parameters<DrChronoApi['list']>[0]) {
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const reachedP = new Promise<void>((r) => (reached = r));
  let stalled = false;
  const stalling: EhrSyncDeps = {
    ...deps,
    openApi: async (practiceId) => {
      const api = await deps.openApi(practiceId);
      const list = api.list.bind(api);
      api.list = async (k, query) => {
        if (k === kind && !stalled) {
          stalled = true;
          reached();
          await released;
        }
        return list(k, query);
      };
      return api;
    },
  };
  return { deps: stalling, reached: reachedP, release };
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
    const successor = randomUUID();
    await db().updateTable('practice_sync_leases').set({ run_id: successor, holder: 'other-instance' }).where('practice_id', '=', p.id).execute();
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
