import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, apiKey, callJson } from './api-client.testkit.js';
import { startDrxSandbox } from './index.js';
import type { DrxSandbox, Prescription, SandboxStore } from './index.js';

let sandbox: DrxSandbox;
let slugCount = 0;
const KEY = apiKey(4);

beforeAll(async () => {
  sandbox = await startDrxSandbox();
});
afterAll(() => sandbox.close());

// A fresh store per test, so faults and counters never leak between tests.
function freshStore(prescriptions = 50): { store: SandboxStore; base: string } {
  const slug = `faults_${++slugCount}`;
  const store = sandbox.addStore({ slug, apiKey: KEY, seed: slugCount, doctors: 5, prescriptions, now: () => FIXED_NOW });
  return { store, base: sandbox.baseUrlFor(slug) };
}

describe('rate limiting', () => {
  it('answers 429 with Retry-After once the per-second budget is spent', async () => {
    const { store, base } = freshStore();
    store.setFaults({ rateLimitPerSecond: 2, retryAfterSeconds: 3 });
    const statuses: number[] = [];
    let last = await callJson(base, '/heartbeat', KEY);
    for (let i = 0; i < 4; i++) statuses.push((last = await callJson(base, '/heartbeat', KEY)).status);
    expect(statuses).toContain(429);
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toBe('3');
    expect(last.body).toEqual({ success: false, error: 'rate limit exceeded' });
    expect(store.stats().rateLimited).toBe(statuses.filter((s) => s === 429).length);
  });

  it('answers 429 without Retry-After when none is configured', async () => {
    const { store, base } = freshStore();
    store.setFaults({ rateLimitPerSecond: 1 });
    expect((await callJson(base, '/heartbeat', KEY)).status).toBe(200);
    const limited = await callJson(base, '/heartbeat', KEY);
    expect(limited.status).toBe(429);
    expect(limited.headers.has('retry-after')).toBe(false);
  });
});

describe('injected failures', () => {
  it('consumes failNext in order for the matching path, then serves normally', async () => {
    const { store, base } = freshStore();
    store.setFaults({
      failNext: [
        { path: '/prescriptions', status: 503, times: 2 },
        { status: 429, retryAfterSeconds: 7, times: 1 },
      ],
    });
    // /doctors skips the /prescriptions entry and takes the path-less 429.
    const doctors = await callJson(base, '/doctors', KEY);
    expect(doctors.status).toBe(429);
    expect(doctors.headers.get('retry-after')).toBe('7');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await callJson(base, '/prescriptions', KEY)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(store.faults.failNext).toEqual([]);
    expect(store.stats()).toMatchObject({ requests: 4, byPath: { '/doctors': 1, '/prescriptions': 3 }, rateLimited: 1 });
  });

  it('delays a slow page past a client timeout once, then answers quickly', async () => {
    const { store, base } = freshStore();
    store.setFaults({ slowPathMs: { path: '/prescriptions', ms: 400, times: 1 } });
    await expect(callJson(base, '/prescriptions', KEY, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const retry = await callJson(base, '/prescriptions', KEY, { signal: AbortSignal.timeout(1000) });
    expect(retry.status).toBe(200);
  });

  it('drops the connection mid-body so reading the response rejects, then serves the page again', async () => {
    const { store, base } = freshStore();
    store.setFaults({ dropConnection: { path: '/prescriptions', afterBytes: 200, times: 1 } });
    await expect(callJson(base, '/prescriptions?limit=50', KEY)).rejects.toThrow();
    const again = await callJson<{ prescriptions: Prescription[] }>(base, '/prescriptions?limit=50', KEY);
    expect(again.body.prescriptions).toHaveLength(50);
  });

  it('delays every response by latencyMs', async () => {
    const { store, base } = freshStore();
    store.setFaults({ latencyMs: 150 });
    // Only the ordering is asserted: a 50 ms client timeout must lose to a 150 ms delay.
    await expect(callJson(base, '/heartbeat', KEY, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    store.setFaults({});
    expect((await callJson(base, '/heartbeat', KEY, { signal: AbortSignal.timeout(1000) })).status).toBe(200);
  });
});

describe('inserts while paging', () => {
  it.each([
    ['/prescriptions', 'prescriptions'],
    ['/prescription-fills', 'fills'],
  ] as const)('shifts offsets on %s so the last record of one page reappears on the next', async (path, key) => {
    const { store, base } = freshStore();
    const after = '2024-01-01T00:00:00.000Z';
    type Page = { total: number } & Partial<Record<typeof key, Array<{ id: number }>>>;
    const first = await callJson<Page>(base, `${path}?limit=10&offset=0&after_date=${after}`, KEY);
    store.setFaults({ insertWhilePaging: { path, atOffset: 10, count: 2 } });
    const second = await callJson<Page>(base, `${path}?limit=10&offset=10&after_date=${after}`, KEY);
    const firstIds = (first.body[key] ?? []).map((r) => r.id);
    const secondIds = (second.body[key] ?? []).map((r) => r.id);
    expect(firstIds).toHaveLength(10);
    expect(secondIds.slice(0, 2)).toEqual(firstIds.slice(8, 10));
    expect(second.body.total).toBe(first.body.total + 2);
    expect(store.faults.insertWhilePaging).toBeUndefined();
  });
});
