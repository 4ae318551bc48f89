import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrxSandbox, type DrxSandbox, type SandboxStore } from '../../local/drx-sandbox/index.js';
import { silentLogger } from '../log/logger.js';
import type { DrxStream, KnownUnchanged, Page } from '../sync/page-source.js';
import { ManualClock } from '../time/clock.js';
import { createDrxHttpClient } from './drx-http-client.js';
import { createDrxPageSource } from './drx-page-source.js';
import { unlimitedBudget } from './request-budget.js';

const KEY = 'DRX00000000000000000000000000000abc';
const NOW = new Date('2025-06-01T12:00:00.000Z');

let sandbox: DrxSandbox;
let storeCount = 0;
beforeAll(async () => {
  sandbox = await startDrxSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

function sourceFor(store: SandboxStore) {
  const client = createDrxHttpClient({
    baseUrl: sandbox.baseUrlFor(store.slug),
    apiKey: KEY,
    clock: new ManualClock(NOW),
    budget: unlimitedBudget,
    log: silentLogger,
    timeoutMs: 5_000,
    maxAttempts: 3,
    maxRetryMs: 60_000,
  });
  return createDrxPageSource(client);
}

interface StoreSize {
  doctors: number;
  prescriptions: number;
  invalidDoctors?: number;
  invalidPrescriptions?: number;
  invalidFills?: number;
}

function freshStore(opts: StoreSize) {
  const slug = `pages_${++storeCount}`;
  return sandbox.addStore({ slug, apiKey: KEY, seed: 100 + storeCount, now: () => NOW, ...opts });
}

/** Every page of a stream from offset 0 until a page says it is the last. */
async function allPages<S extends DrxStream>(
  store: SandboxStore,
  stream: S,
  limit: number,
  afterDate: Date | null = null,
): Promise<Page<S>[]> {
  const source = sourceFor(store);
  const pages: Page<S>[] = [];
  for (let offset = 0; ; ) {
    const page = await source.fetchPage(stream, { afterDate, offset, limit });
    pages.push(page);
    if (page.last) return pages;
    offset += page.fetched;
  }
}

describe('the DRX page source against the sandbox', () => {
  it('pages doctors to the end and gets every id exactly once', async () => {
    const store = freshStore({ doctors: 47, prescriptions: 0 });
    const pages = await allPages(store, 'doctors', 10);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.externalId));
    expect(pages).toHaveLength(5);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(store.data.doctors.map((d) => String(d.id)).sort());
    expect(pages.map((p) => p.last)).toEqual([false, false, false, false, true]);
    expect(pages.every((p) => p.maxDate === null && p.total === 47)).toBe(true);
  });

  it('marks a page last when it ends exactly at the total', async () => {
    const store = freshStore({ doctors: 20, prescriptions: 0 });
    const pages = await allPages(store, 'doctors', 10);
    expect(pages.map((p) => [p.fetched, p.last])).toEqual([
      [10, false],
      [10, true],
    ]);
  });

  it.each<[DrxStream, RegExp]>([
    ['doctors', /^npi: (fails Luhn check|required)$/],
    ['prescriptions', /^(total_qty_remaining: must be ≥ 0|doctor: required)$/],
    ['fills', /^(status: must be one of the DRX fill statuses|dispensed_quantity: must be ≥ 0)$/],
  ])('returns invalid %s separately, keyed by DRX id, with a reason', async (stream, reason) => {
    const store = freshStore({ doctors: 8, prescriptions: 15, invalidDoctors: 4, invalidPrescriptions: 4, invalidFills: 4 });
    const pages = await allPages(store, stream, 100);
    const invalid = pages.flatMap((p) => p.invalid);
    const fetched = pages.reduce((n, p) => n + p.fetched, 0);
    const rows = pages.reduce((n, p) => n + p.rows.length, 0);
    expect(invalid).toHaveLength(4);
    expect(rows + invalid.length).toBe(fetched);
    for (const rec of invalid) {
      expect(rec.externalId).toMatch(/^\d+$/);
      expect(rec.reason).toMatch(reason);
    }
  });

  it('reports the latest activity among a page of prescriptions as its maxDate', async () => {
    const store = freshStore({ doctors: 5, prescriptions: 30 });
    const [page] = await allPages(store, 'prescriptions', 100);
    const latest = Math.max(...(page?.rows ?? []).map((r) => r.activityAt?.getTime() ?? 0));
    expect(page?.maxDate?.getTime()).toBe(latest);
  });

  it('reports the latest fill date among a page of fills as its maxDate, and honours after_date', async () => {
    const store = freshStore({ doctors: 5, prescriptions: 30 });
    const after = new Date('2025-03-01T00:00:00.000Z');
    const pages = await allPages(store, 'fills', 100, after);
    const rows = pages.flatMap((p) => p.rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.fillDate !== null && r.fillDate > after)).toBe(true);
    expect(pages[0]?.maxDate?.getTime()).toBe(Math.max(...(pages[0]?.rows ?? []).map((r) => r.fillDate?.getTime() ?? 0)));
  });

  it.each<'prescriptions' | 'fills'>(['prescriptions', 'fills'])(
    'skips %s stored with an equal hash without mapping them, still maps the changed ones and reports the invalid ones',
    async (stream) => {
      const store = freshStore({ doctors: 5, prescriptions: 30, invalidPrescriptions: 3, invalidFills: 3 });
      const source = sourceFor(store);
      const before = await source.fetchPage(stream, { afterDate: null, offset: 0, limit: 100 });
      // "Stored": every valid row as a first sync wrote it, except one that has changed since.
      const changedId = before.rows[0]?.externalId;
      const stored = new Map<string, string>(before.rows.slice(1).map((r) => [r.externalId, r.contentHash]));
      const asked: string[] = [];
      const knownUnchanged: KnownUnchanged = async (s, candidates) => {
        asked.push(s);
        return new Set(candidates.filter((c) => stored.get(c.externalId) === c.hash).map((c) => c.hash));
      };
      const after = await source.fetchPage(stream, { afterDate: null, offset: 0, limit: 100, knownUnchanged });
      expect(asked).toEqual([stream]);
      expect(after.rows.map((r) => r.externalId)).toEqual([changedId]);
      expect(after.skippedUnchanged).toBe(before.rows.length - 1);
      expect(after.invalid.map((r) => r.externalId)).toEqual(before.invalid.map((r) => r.externalId));
      expect(after.invalid).toHaveLength(3);
      expect(after.fetched).toBe(before.fetched);
      // The skipped records' dates still make the page's extent.
      expect(after.maxDate?.getTime()).toBe(before.maxDate?.getTime());
    },
  );

  it('takes a record declared unchanged on trust: it is neither validated nor reported invalid', async () => {
    const store = freshStore({ doctors: 5, prescriptions: 10, invalidPrescriptions: 2 });
    const source = sourceFor(store);
    const before = await source.fetchPage('prescriptions', { afterDate: null, offset: 0, limit: 100 });
    expect(before.invalid).toHaveLength(2);
    // A stand-in engine that answers "unchanged" for everything: had validation run, the invalid records would show.
    const everything: KnownUnchanged = async (_s, candidates) => new Set(candidates.map((c) => c.hash));
    const after = await source.fetchPage('prescriptions', { afterDate: null, offset: 0, limit: 100, knownUnchanged: everything });
    expect(after.invalid).toEqual([]);
    expect(after.rows).toEqual([]);
    expect(after.skippedUnchanged).toBe(before.fetched);
  });

  it('does not ask about doctors, and skips nothing without the callback', async () => {
    const store = freshStore({ doctors: 5, prescriptions: 10 });
    const source = sourceFor(store);
    const asked: string[] = [];
    const knownUnchanged: KnownUnchanged = async (s, candidates) => {
      asked.push(s);
      return new Set(candidates.map((c) => c.hash));
    };
    const doctors = await source.fetchPage('doctors', { afterDate: null, offset: 0, limit: 100, knownUnchanged });
    const fills = await source.fetchPage('fills', { afterDate: null, offset: 0, limit: 100 });
    expect(asked).toEqual([]);
    expect(doctors.rows).toHaveLength(5);
    expect(fills.rows).toHaveLength(fills.fetched);
    expect(fills.skippedUnchanged).toBe(0);
  });
});
