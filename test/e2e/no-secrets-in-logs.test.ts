import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniquePharmacyId } from '../support/test-db.js';
import { randomDrxKey, startTestStack, storeOptions, type TestStack } from '../support/local-stack.js';
import { drxWebhookSecretName } from '../../shared/secrets/secret-store.js';

const id = uniquePharmacyId('ph_e2e_logs');
const lines: string[] = [];
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    stores: [storeOptions(id, { seed: 3, doctors: 5, prescriptions: 120, invalidDoctors: 1, invalidPrescriptions: 1 })],
    logDestination: { write: (line: string) => void lines.push(line) },
    // Failing DRX calls give up quickly instead of backing off for minutes.
    env: { DRX_MAX_ATTEMPTS: '2', DRX_MAX_RETRY_MS: '1000' },
  });
});
afterAll(() => stack.close());

describe('logs of a full flow', () => {
  it('never carry the DRX key, the webhook header secret or the admin token', async () => {
    const apiKey = stack.store(id).apiKey;
    const base = { id, name: 'Logged Pharmacy', drxBaseUrl: stack.sandbox.baseUrlFor(id) };
    // A refused key, a malformed key, then the real one: every path that handles a key.
    expect((await stack.post('/pharmacies', { ...base, apiKey: randomDrxKey() })).status).toBeGreaterThanOrEqual(400);
    expect((await stack.post('/pharmacies', { ...base, apiKey: `${apiKey}zz` })).status).toBe(400);
    expect((await stack.post('/pharmacies', { ...base, apiKey })).status).toBeLessThan(300);
    expect((await stack.post('/sync-now', { pharmacyId: id })).status).toBe(200);

    const store = stack.store(id);
    const rx = store.addPrescription();
    await store.flushWebhooks();
    const sub = store.webhooks().find((w) => w.event === 'Prescription Created')!;
    await fetch(sub.url, { method: 'POST', headers: { 'content-type': 'application/json', [sub.header_key]: sub.header_value }, body: JSON.stringify(rx) });
    await fetch(sub.url, { method: 'POST', headers: { 'content-type': 'application/json', [sub.header_key]: `${sub.header_value.slice(0, -1)}0` }, body: '{}' });
    // Failing DRX calls and a refused admin call.
    store.setFaults({ failNext: [{ status: 503, times: 20 }] });
    await stack.post('/sync-now', { pharmacyId: id, full: true });
    store.setFaults({});
    await stack.post('/sync-now', { pharmacyId: id }, { token: `${stack.adminToken.slice(0, -1)}0` });
    await stack.post('/drx-sync', { pharmacyId: id });
    await stack.post('/outbox-relay', {});

    const webhookSecret = await stack.runtime.secrets.get(drxWebhookSecretName(id));
    expect(webhookSecret).toBeTruthy();
    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('\n');
    for (const [what, secret] of [
      ['DRX key', apiKey],
      ['webhook header secret', webhookSecret!],
      ['admin token', stack.adminToken],
    ] as const) {
      expect(all.includes(secret), `${what} found in logs`).toBe(false);
    }
    // Lines are Cloud Logging JSON.
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('severity');
  });
});
