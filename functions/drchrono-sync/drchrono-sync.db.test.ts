import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandboxPractice, startEhrSyncHarness, type EhrSyncHarness } from '../../shared/ehr-sync/ehr-sync.testkit.js';
import { listDuePractices } from '../../shared/ehr-sync/list-due-practices.js';
import type { PracticeSyncSummary } from '../../shared/ehr-sync/practice-sync-summary.js';
import { setRuntimeForTests } from '../../shared/runtime/lazy-runtime.js';
import { serveFunction, TEST_ADMIN_TOKEN, type ServedFunction } from '../../shared/runtime/test-runtime.testkit.js';
import './index.js';

let h: EhrSyncHarness;
let fn: ServedFunction;

beforeAll(async () => {
  h = await startEhrSyncHarness();
  setRuntimeForTests(h.t.rt);
  fn = await serveFunction('drchronoSync');
});

afterAll(async () => {
  setRuntimeForTests(undefined);
  await fn.close();
  await h.close();
});

// No patients: sandboxes in other test files hand out the same record ids, and the mirror keys on them.
const practice = () => connectSandboxPractice(h, { patients: 0 });

function post(body: unknown, token: string | null = TEST_ADMIN_TOKEN): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return fetch(`${fn.url}/`, { method: 'POST', body: JSON.stringify(body), headers });
}

describe('drchronoSync', () => {
  it('runs Sync Now for one practice and answers its summary', async () => {
    const p = await practice();
    const res = await post({ practiceId: p.id, full: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summaries: PracticeSyncSummary[] };
    expect(body.summaries).toEqual([expect.objectContaining({ practiceId: p.id, kind: 'manual', full: true, status: 'succeeded' })]);
  });

  it('answers 409 naming the run already going for the practice', async () => {
    const p = await practice();
    const runId = randomUUID();
    await h.t.rt.db
      .insertInto('practice_sync_leases')
      .values({ practice_id: p.id, run_id: runId, holder: 'other-instance', acquired_at: new Date(), expires_at: new Date(Date.now() + 600_000) })
      .execute();
    const res = await post({ practiceId: p.id });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: Record<string, unknown> }).error).toMatchObject({ code: 'sync_running', runId });
  });

  it('answers 404 for an unknown practice, 400 for a bad body and 401 without admin credentials', async () => {
    expect((await post({ practiceId: 'pr_unknown' })).status).toBe(404);
    expect((await post({ practiceId: 'x', full: 'yes' })).status).toBe(400);
    expect((await post({}, null)).status).toBe(401);
    expect((await post({}, 'not-the-admin-token-0123456789abcdef0123')).status).toBe(401);
  });
});

describe('listDuePractices', () => {
  it('lists a never-synced practice as due for a full run, not again within the interval, then incrementally', async () => {
    const p = await practice();
    const opts = () => ({ now: h.clock.now(), intervalMinutes: 60 });
    const mine = async () => (await listDuePractices(h.t.rt.db, opts())).filter((d) => d.practiceId === p.id);
    expect(await mine()).toEqual([{ practiceId: p.id, full: true }]);
    expect((await post({ practiceId: p.id, full: true })).status).toBe(200);
    expect(await mine()).toEqual([]);
    // An hourly tick that fires a few seconds early still finds it due (slack for Scheduler jitter).
    h.clock.advance(59 * 60_000 + 50_000);
    expect(await mine()).toEqual([{ practiceId: p.id, full: false }]);
    // Days later it is still incremental: the full pass is the first backfill only.
    h.clock.advance(3 * 24 * 3600_000);
    expect(await mine()).toEqual([{ practiceId: p.id, full: false }]);
    await h.t.rt.db.updateTable('practices').set({ enabled: false }).where('id', '=', p.id).execute();
    expect(await mine()).toEqual([]);
  });
});
