import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { startDrChronoFixture, type DrChronoFixture } from '../practices/drchrono-sandbox-fixture.testkit.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import type { DrChronoApi } from './drchrono-api.js';
import { openDrChronoApi } from './open-drchrono-api.js';
import { drchronoTokensSecretName, readTokens, writeTokens } from './token-secrets.js';

let f: DrChronoFixture;

beforeAll(async () => {
  f = await startDrChronoFixture();
});

afterAll(async () => {
  await f.close();
});

beforeEach(() => {
  f.sandbox.setFaults({});
});

async function caught(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

async function connected(opts: { patients?: number; requestsPerHour?: number } = {}): Promise<{ practiceId: string; api: DrChronoApi }> {
  const { practiceId } = await f.connect(opts);
  return { practiceId, api: await openDrChronoApi(f.deps, practiceId) };
}

async function all(api: DrChronoApi, kind: 'patients' | 'clinical_notes', pageSize: number): Promise<unknown[]> {
  const out: unknown[] = [];
  let page = await api.list(kind, { pageSize });
  out.push(...page.results);
  while (page.next !== null) {
    page = await api.list(kind, { nextUrl: page.next });
    out.push(...page.results);
  }
  return out;
}

const ids = (rows: unknown[]) => rows.map((r) => String((r as { id: unknown }).id));

describe('DrChrono HTTP client', () => {
  it('follows absolute next links until the last page', async () => {
    const { practiceId, api } = await connected({ patients: 7 });
    const patients = await all(api, 'patients', 3);
    expect(ids(patients)).toEqual(f.sandbox.practice(practiceId).data.patients.map((p) => String(p.id)));
  });

  it('follows the clinical notes 302 to the other origin, resending the token, and pages there', async () => {
    const { practiceId, api } = await connected({ patients: 4 });
    const redirects = f.sandbox.stats().redirects;
    const notes = await all(api, 'clinical_notes', 2);
    expect(notes.length).toBeGreaterThan(2);
    expect(ids(notes)).toEqual(f.sandbox.practice(practiceId).data.clinicalNotes.map((n) => String(n.id)));
    expect(f.sandbox.stats().redirects).toBeGreaterThan(redirects);
  });

  it('spends a budget slot for every request DrChrono counts, the redirected hop included', async () => {
    const { practiceId, api } = await connected({ patients: 4 });
    const used = async () =>
      (await f.handle.db.selectFrom('hourly_budgets').select('used').where('budget_key', '=', `drchrono:${practiceId}`).executeTakeFirstOrThrow()).used;
    const [budgetBefore, requestsBefore] = [await used(), f.sandbox.stats().requests];
    await all(api, 'clinical_notes', 2);
    expect(await used() - budgetBefore).toBe(f.sandbox.stats().requests - requestsBefore);
  });

  it('resumes a clinical notes walk from a stored next link on the redirect origin with a new client (a later run)', async () => {
    const { practiceId, api } = await connected({ patients: 4 });
    const first = await api.list('clinical_notes', { pageSize: 2 });
    expect(first.next?.startsWith(f.sandbox.redirectOrigin)).toBe(true);
    // The run stopped (budget) after storing `next`; the next run opens a new client that never saw the redirect.
    let page = await (await openDrChronoApi(f.deps, practiceId)).list('clinical_notes', { nextUrl: first.next ?? '' });
    const rest = [...page.results];
    while (page.next !== null) {
      page = await api.list('clinical_notes', { nextUrl: page.next });
      rest.push(...page.results);
    }
    expect(ids([...first.results, ...rest])).toEqual(f.sandbox.practice(practiceId).data.clinicalNotes.map((n) => String(n.id)));
  });

  it('refuses a next link to a host it never talked to, without sending anything there', async () => {
    const { api } = await connected({ patients: 3 });
    const err = await caught(api.list('patients', { nextUrl: 'http://203.0.113.9/api/doctors?cursor=x' }));
    expect(err).toMatchObject({ kind: 'permanent', code: 'drchrono_bad_response' });
    expect(err.message).toMatch(/host we do not send tokens to/);
    // A link of the same list goes to the base URL instead (its path and query), never to that host.
    const first = await api.list('patients', { pageSize: 1 });
    const foreign = new URL(first.next ?? '');
    foreign.host = '203.0.113.9';
    const second = await api.list('patients', { nextUrl: foreign.href });
    expect(second.next?.startsWith(f.sandbox.url)).toBe(true);
    expect(second.results).toHaveLength(1);
  });

  it('reads one object by id, verbose with insurance, and answers null for a missing one', async () => {
    const { practiceId, api } = await connected({ patients: 2 });
    const first = f.sandbox.practice(practiceId).data.patients[0];
    const verbose = (await api.get('patients', String(first?.id), { verbose: true })) as Record<string, unknown>;
    expect(verbose.id).toBe(first?.id);
    expect(verbose).toHaveProperty('primary_insurance');
    expect(await api.get('patients', '999999999')).toBeNull();
  });

  it('walks a bulk job: POST, poll until Complete with clock sleeps, then pages', async () => {
    const { practiceId, api } = await connected({ patients: 5 });
    f.sandbox.setFaults({ bulkPendingPolls: 2 });
    const sleeps = f.clock.sleeps.length;
    const got: unknown[] = [];
    for await (const page of api.bulkList('patients', {})) got.push(...page);
    expect(ids(got)).toEqual(f.sandbox.practice(practiceId).data.patients.map((p) => String(p.id)));
    expect(f.clock.sleeps.slice(sleeps)).toEqual([2000, 2000]);
  });

  it('retries a 503 with backoff and then succeeds', async () => {
    const { api } = await connected({ patients: 1 });
    f.sandbox.setFaults({ failNext: [{ path: '/api/patients', status: 503, times: 2 }] });
    const page = await api.list('patients', {});
    expect(page.results).toHaveLength(1);
    expect(f.sandbox.faults().failNext?.[0]?.times ?? 0).toBe(0);
  });

  it('gives up on a DrChrono that keeps failing with a retryable drchrono_unavailable', async () => {
    const { api } = await connected({ patients: 1 });
    f.sandbox.setFaults({ failNext: [{ path: '/api/patients', status: 502, times: 10 }] });
    expect(await caught(api.list('patients', {}))).toMatchObject({ kind: 'retryable', code: 'drchrono_unavailable' });
  });

  it('after a 401 refreshes the token once and repeats the call', async () => {
    const { practiceId } = await f.connect({ patients: 1 });
    // Our stored expiry says "fresh" but DrChrono's clock has the token expired: the 401 path.
    const ref = drchronoTokensSecretName(practiceId);
    const tokens = await readTokens(f.secrets, ref);
    if (!tokens) throw new Error('no tokens');
    await writeTokens(f.secrets, ref, { ...tokens, expires_at: new Date(f.clock.now().getTime() + 400 * 3_600_000).toISOString() });
    f.clock.advance(49 * 3_600_000);
    const fresh = await openDrChronoApi(f.deps, practiceId);
    const before = f.sandbox.stats();
    const page = await fresh.list('patients', {});
    const after = f.sandbox.stats();
    expect(page.results).toHaveLength(1);
    expect(after.unauthorized - before.unauthorized).toBe(1);
    expect(after.tokenRequests - before.tokenRequests).toBe(1);
    expect((await readTokens(f.secrets, ref))?.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('stops with drchrono_budget_exhausted (resetsAt on the hour) when the practice budget is spent', async () => {
    const { practiceId } = await f.connect({ patients: 1, requestsPerHour: 4 });
    const api = await openDrChronoApi(f.deps, practiceId);
    // connect spent 3 (users/current, doctors, offices); one left this hour.
    await api.list('patients', {});
    const requests = f.sandbox.stats().requests;
    const err = await caught(api.list('patients', {}));
    expect(err).toMatchObject({ kind: 'retryable', code: 'drchrono_budget_exhausted' });
    const hour = new Date(Math.floor(f.clock.now().getTime() / 3_600_000 + 1) * 3_600_000);
    expect(err.details.resetsAt).toBe(hour.toISOString());
    expect(f.sandbox.stats().requests).toBe(requests);
  });

  it('a 429 from DrChrono marks the hour spent: later calls stop without asking', async () => {
    const { api } = await connected({ patients: 1 });
    f.sandbox.setFaults({ failNext: [{ path: '/api/patients', status: 429, times: 1 }] });
    expect(await caught(api.list('patients', {}))).toMatchObject({ code: 'drchrono_budget_exhausted' });
    const requests = f.sandbox.stats().requests;
    expect(await caught(api.get('patients', '1'))).toMatchObject({ code: 'drchrono_budget_exhausted' });
    expect(f.sandbox.stats().requests).toBe(requests);
  });

  it('lists line item deletions since a date', async () => {
    const { practiceId, api } = await connected({ patients: 2 });
    const sp = f.sandbox.practice(practiceId);
    const item = sp.data.lineItems[0];
    if (!item) throw new Error('no line items generated');
    sp.deleteLineItem(item.id);
    expect(await api.lineItemDeletions(new Date(f.clock.now().getTime() - 86_400_000))).toContain(String(item.id));
  });

  it('refuses an unknown practice, and one whose tokens are gone as not connected', async () => {
    expect(await caught(openDrChronoApi(f.deps, uniquePharmacyId('pr_none')))).toMatchObject({ code: 'unknown_practice', kind: 'not_found' });
    const { practiceId } = await f.connect({ patients: 0 });
    const missing = { ...f.deps, secrets: { get: () => Promise.resolve(null), put: () => Promise.resolve() } };
    expect(await caught(openDrChronoApi(missing, practiceId))).toMatchObject({ code: 'drchrono_not_connected', kind: 'permanent' });
  });
});
