import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrxSandbox, type DrxSandbox, type SandboxStore } from '../../local/drx-sandbox/index.js';
import { AppError } from '../errors/app-error.js';
import { createLogger } from '../log/logger.js';
import { ManualClock } from '../time/clock.js';
import { createDrxHttpClient, type DrxHttpClientOptions } from './drx-http-client.js';
import { unlimitedBudget } from './request-budget.js';

const KEY = 'DRX0123456789abcdef0123456789abcdef';
const WRONG_KEY = 'DRXfedcba9876543210fedcba9876543210';
const NOW = new Date('2025-06-01T12:00:00.000Z');

// Every log line the clients below write, to check at the end that none carries a key.
const logLines: string[] = [];
const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });

let sandbox: DrxSandbox;
let storeCount = 0;
beforeAll(async () => {
  sandbox = await startDrxSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

function freshStore(size: { doctors?: number; prescriptions?: number } = {}): SandboxStore {
  const slug = `client_${++storeCount}`;
  const counts = { doctors: size.doctors ?? 12, prescriptions: size.prescriptions ?? 20 };
  return sandbox.addStore({ slug, apiKey: KEY, seed: storeCount, ...counts, now: () => NOW });
}

function clientFor(store: SandboxStore, overrides: Partial<DrxHttpClientOptions> = {}) {
  const clock = new ManualClock(NOW);
  const client = createDrxHttpClient({
    baseUrl: sandbox.baseUrlFor(store.slug),
    apiKey: KEY,
    clock,
    budget: unlimitedBudget,
    log,
    timeoutMs: 10_000,
    maxAttempts: 5,
    maxRetryMs: 120_000,
    random: () => 0.5,
    ...overrides,
  });
  return { client, clock };
}

/** The `failure` fields of retry warnings logged while `run` ran. */
async function retryFailuresDuring(run: () => Promise<unknown>): Promise<string[]> {
  const before = logLines.length;
  await run();
  return logLines.slice(before).map((l) => String((JSON.parse(l) as { failure?: unknown }).failure));
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

const firstPage = { afterDate: null, offset: 0, limit: 5 };

describe('the DRX HTTP client against the sandbox', () => {
  it('passes a heartbeat with the right key', async () => {
    const store = freshStore();
    const { client } = clientFor(store);
    await expect(client.heartbeat()).resolves.toBeUndefined();
    expect(store.stats().byPath['/heartbeat']).toBe(1);
  });

  it('refuses a wrong key as a permanent invalid_drx_key after exactly one request', async () => {
    const store = freshStore();
    const { client, clock } = clientFor(store, { apiKey: WRONG_KEY });
    const err = await appError(client.heartbeat());
    expect(err.kind).toBe('permanent');
    expect(err.code).toBe('invalid_drx_key');
    expect(err.message).toBe('invalid DRX key (401): check the key for this pharmacy');
    expect(err.message).not.toContain(WRONG_KEY);
    expect(store.stats().requests).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('waits as long as a 429 Retry-After asks (7 s), then succeeds', async () => {
    const store = freshStore();
    store.setFaults({ failNext: [{ path: '/doctors', status: 429, retryAfterSeconds: 7, times: 1 }] });
    const { client, clock } = clientFor(store);
    const page = await client.listPage('doctors', firstPage);
    expect(page.items).toHaveLength(5);
    expect(clock.sleeps).toEqual([7000]);
    expect(store.stats().byPath['/doctors']).toBe(2);
  });

  it('backs off with jitter after a 429 without Retry-After', async () => {
    const store = freshStore();
    store.setFaults({ failNext: [{ path: '/doctors', status: 429, times: 2 }] });
    const { client, clock } = clientFor(store);
    await client.listPage('doctors', firstPage);
    // random 0.5 × 500 ms, then 0.5 × 1000 ms
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('retries 503 twice, then succeeds on the third request', async () => {
    const store = freshStore();
    store.setFaults({ failNext: [{ path: '/prescriptions', status: 503, times: 2 }] });
    const { client, clock } = clientFor(store);
    const page = await client.listPage('prescriptions', firstPage);
    expect(page.total).toBe(store.data.prescriptions.length);
    expect(store.stats().byPath['/prescriptions']).toBe(3);
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('gives up on a page slower than the timeout and asks again', async () => {
    const store = freshStore();
    store.setFaults({ slowPathMs: { path: '/doctors', ms: 3_000, times: 1 } });
    const { client } = clientFor(store, { timeoutMs: 1_000 });
    let items: unknown[] = [];
    const failures = await retryFailuresDuring(async () => ({ items } = await client.listPage('doctors', firstPage)));
    expect(items).toHaveLength(5);
    expect(failures[0]).toBe('timeout');
    expect(store.stats().byPath['/doctors']).toBeGreaterThanOrEqual(2);
  });

  it('retries a connection dropped in the middle of a page body', async () => {
    const store = freshStore({ doctors: 60 });
    store.setFaults({ dropConnection: { path: '/doctors', times: 1 } });
    const { client } = clientFor(store);
    let items: unknown[] = [];
    const bigPage = { afterDate: null, offset: 0, limit: 50 };
    const failures = await retryFailuresDuring(async () => ({ items } = await client.listPage('doctors', bigPage)));
    expect(items).toHaveLength(50);
    expect(failures).toEqual(['connection']);
    expect(store.stats().byPath['/doctors']).toBe(2);
  });

  it('stops after maxAttempts requests with a retryable error naming the last failure', async () => {
    const store = freshStore();
    store.setFaults({ failNext: [{ path: '/doctors', status: 503, times: 10 }] });
    const { client, clock } = clientFor(store, { maxAttempts: 3 });
    const err = await appError(client.listPage('doctors', firstPage));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('drx_unavailable');
    expect(err.details).toMatchObject({ attempts: 3, status: 503, stoppedBy: 'attempts', path: '/doctors' });
    expect(store.stats().byPath['/doctors']).toBe(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('does not start a wait that would end past maxRetryMs', async () => {
    const store = freshStore();
    store.setFaults({ failNext: [{ path: '/doctors', status: 429, retryAfterSeconds: 60, times: 1 }] });
    const { client, clock } = clientFor(store, { maxRetryMs: 30_000 });
    const err = await appError(client.listPage('doctors', firstPage));
    expect(err.code).toBe('drx_rate_limited');
    expect(err.retryAfterSeconds).toBe(60);
    expect(err.details).toMatchObject({ stoppedBy: 'deadline', attempts: 1 });
    expect(clock.sleeps).toEqual([]);
  });

  it('spends a budget slot on every attempt, retries included', async () => {
    const store = freshStore();
    store.setFaults({ failNext: [{ path: '/doctors', status: 502, times: 2 }] });
    let acquired = 0;
    const { client } = clientFor(store, { budget: { acquire: async () => void acquired++ } });
    await client.listPage('doctors', firstPage);
    expect(acquired).toBe(3);
  });

  it('sends after_date for prescriptions, so only later activity comes back', async () => {
    const store = freshStore({ prescriptions: 60 });
    const { client } = clientFor(store);
    const all = await client.listPage('prescriptions', { afterDate: null, offset: 0, limit: 100 });
    const after = new Date('2025-01-01T00:00:00.000Z');
    const recent = await client.listPage('prescriptions', { afterDate: after, offset: 0, limit: 100 });
    expect(recent.total).toBeLessThan(all.total);
    expect(recent.total).toBeGreaterThan(0);
  });

  it('stops waiting when the caller aborts, without retrying', async () => {
    const store = freshStore();
    store.setFaults({ slowPathMs: { path: '/doctors', ms: 1_000, times: 1 } });
    const { client } = clientFor(store);
    const controller = new AbortController();
    const pending = client.listPage('doctors', firstPage, controller.signal);
    setTimeout(() => controller.abort(new Error('sync cancelled')), 50);
    await expect(pending).rejects.toThrow('sync cancelled');
    expect(store.stats().byPath['/doctors']).toBe(1);
  });

  it('registers a webhook and gets its id back', async () => {
    const store = freshStore();
    const { client } = clientFor(store);
    const reg = await client.registerWebhook({
      url: 'http://127.0.0.1:9/hook',
      headerKey: 'X-Hook',
      headerValue: 'hook-secret-1',
      event: 'Sold',
    });
    expect(reg.id).toMatch(/^\d+$/);
    expect(store.webhooks()).toEqual([expect.objectContaining({ id: Number(reg.id), event: 'Sold', header_key: 'X-Hook' })]);
  });

  it('fetches one prescription by id', async () => {
    const store = freshStore();
    const { client } = clientFor(store);
    const wanted = store.data.prescriptions[3];
    const got = await client.getPrescription(String(wanted?.id));
    expect(got).toMatchObject({ id: wanted?.id });
  });
});

// A tiny real server for answers the sandbox never gives: garbage bodies and odd statuses.
describe('the DRX HTTP client against a misbehaving server', () => {
  let server: Server;
  let baseUrl = '';
  let answer: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '' };
  let requests = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/external_api/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function client(maxAttempts = 3) {
    const clock = new ManualClock(NOW);
    const budget = unlimitedBudget;
    const c = createDrxHttpClient({ baseUrl, apiKey: KEY, clock, budget, log, timeoutMs: 10_000, maxAttempts, maxRetryMs: 60_000, random: () => 0 });
    return { c, clock };
  }

  it.each([
    ['HTML instead of JSON', '<html>maintenance</html>'],
    ['JSON without the list', '{"success":true,"total":3}'],
    ['a list without a total', '{"doctors":[]}'],
    ['success false', '{"success":false,"total":0,"doctors":[]}'],
  ])('treats %s as a retryable bad response, counted in the attempts', async (_name, body) => {
    answer = { status: 200, body };
    requests = 0;
    const err = await appError(client(3).c.listPage('doctors', firstPage));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('drx_bad_response');
    expect(requests).toBe(3);
  });

  it.each([
    [403, 'drx_forbidden'],
    [400, 'drx_bad_request'],
    [404, 'drx_bad_request'],
  ])('answers %i with a permanent %s and no retry', async (status, code) => {
    answer = { status, body: '{"success":false}' };
    requests = 0;
    const err = await appError(client().c.heartbeat());
    expect(err.kind).toBe('permanent');
    expect(err.code).toBe(code);
    expect(requests).toBe(1);
  });

  it('honours Retry-After given as an HTTP-date', async () => {
    answer = { status: 503, body: '{}', headers: { 'retry-after': new Date(NOW.getTime() + 12_000).toUTCString() } };
    const { c, clock } = client(2);
    await appError(c.heartbeat());
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('sends the key in X-DRX-Key and never in the URL', async () => {
    let seen: { key: string | undefined; url: string | undefined } = { key: undefined, url: undefined };
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
      seen = { key: req.headers['x-drx-key'] as string | undefined, url: req.url };
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"pulse":1}');
    });
    await client().c.heartbeat();
    expect(seen.key).toBe(KEY);
    expect(seen.url).toBe('/external_api/v1/heartbeat');
  });
});

describe('logging', () => {
  it('logged the retries above, and no line carries an API key', () => {
    const retries = logLines.filter((l) => l.includes('retrying'));
    expect(retries.length).toBeGreaterThan(5);
    expect(JSON.parse(retries[0] ?? '{}')).toMatchObject({ severity: 'WARNING', path: expect.stringMatching(/^\/[a-z-]+$/) });
    for (const line of logLines) {
      expect(line).not.toContain(KEY);
      expect(line).not.toContain(WRONG_KEY);
      expect(line).not.toContain('limit=');
    }
  });
});
