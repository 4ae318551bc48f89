import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSign, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { startDrxSandbox, type DrxSandbox } from '../../local/drx-sandbox/index.js';
import { createLocalIdTokenVerifier } from '../../shared/http/id-token-verifier.js';
import { addPharmacy } from '../../shared/pharmacies/add-pharmacy.js';
import { onboardingDeps } from '../../shared/pharmacies/onboarding-deps.js';
import { setRuntimeForTests } from '../../shared/runtime/lazy-runtime.js';
import { createTestRuntime, serveFunction, type ServedFunction, type TestRuntime } from '../../shared/runtime/test-runtime.testkit.js';
import type { SyncSummary } from '../../shared/sync/sync-summary.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import '../sync-now/index.js';
import './index.js';

const SCHEDULER = 'scheduler@rxbridge-test.iam.gserviceaccount.com';
const AUDIENCE = 'https://drx-sync.rxbridge.test';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** An RS256 ID token as Cloud Scheduler would send, signed by the test key. */
function schedulerToken(email = SCHEDULER): string {
  const now = Math.floor(Date.now() / 1000);
  const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = enc({ alg: 'RS256', typ: 'JWT', kid: 'test' });
  const body = enc({ iss: 'https://accounts.google.com', aud: AUDIENCE, email, email_verified: true, iat: now, exp: now + 300 });
  return `${head}.${body}.${createSign('RSA-SHA256').update(`${head}.${body}`).sign(keys.privateKey).toString('base64url')}`;
}

let sandbox: DrxSandbox;
let drxSync: ServedFunction;
let syncNow: ServedFunction;
let t: TestRuntime;

beforeAll(async () => {
  sandbox = await startDrxSandbox({ port: 0 });
  drxSync = await serveFunction('drxSync');
  syncNow = await serveFunction('syncNow');
  t = await createTestRuntime(
    { ADMIN_PRINCIPALS: SCHEDULER, ID_TOKEN_AUDIENCE: AUDIENCE },
    { idTokens: createLocalIdTokenVerifier({ test: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() }) },
  );
  setRuntimeForTests(t.rt);
});

afterAll(async () => {
  setRuntimeForTests(undefined);
  await sandbox.close();
  await drxSync.close();
  await syncNow.close();
  await t.close();
});

async function onboard(): Promise<string> {
  const id = uniquePharmacyId();
  const apiKey = `DRX${randomBytes(16).toString('hex')}`;
  sandbox.addStore({ slug: id, apiKey, seed: 5, doctors: 2, prescriptions: 5 });
  await addPharmacy(onboardingDeps(t.rt), { id, name: 'Sched', drxBaseUrl: sandbox.baseUrlFor(id), apiKey, requestsPerSecond: 0 });
  return id;
}

/** Makes a sync look like it is running on another instance: a live lease row. */
async function holdLease(pharmacyId: string): Promise<string> {
  const runId = randomUUID();
  const now = new Date();
  await t.rt.db
    .insertInto('sync_leases')
    .values({ pharmacy_id: pharmacyId, system: 'drx', run_id: runId, holder: 'other-instance', acquired_at: now, expires_at: new Date(now.getTime() + 600_000) })
    .execute();
  return runId;
}

function post(url: string, body: unknown, token: string): Promise<Response> {
  return fetch(`${url}/`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
}

describe('drxSync', () => {
  it('syncs one pharmacy for Cloud Scheduler’s ID token', async () => {
    const id = await onboard();
    const res = await post(drxSync.url, { pharmacyId: id }, schedulerToken());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summaries: SyncSummary[] };
    expect(body.summaries).toEqual([expect.objectContaining({ pharmacyId: id, kind: 'scheduled', newPrescriptions: 5 })]);
  });

  it('refuses an ID token of a principal that is not allowed', async () => {
    const res = await post(drxSync.url, {}, schedulerToken('intruder@example.com'));
    expect(res.status).toBe(401);
  });

  it('answers 200 skipped when the pharmacy’s sync is already running, so Scheduler does not retry', async () => {
    const id = await onboard();
    const runId = await holdLease(id);
    const res = await post(drxSync.url, { pharmacyId: id }, schedulerToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ skipped: 'sync_running', pharmacyId: id, runId });
  });

  it('answers Sync Now with 409 naming the running run', async () => {
    const id = await onboard();
    const runId = await holdLease(id);
    const res = await post(syncNow.url, { pharmacyId: id }, schedulerToken());
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: Record<string, unknown> }).error).toMatchObject({ code: 'sync_running', runId });
  });
});
