import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { uniquePharmacyId } from '../support/test-db.js';
import { randomDrxKey, startTestStack, storeOptions, type TestStack } from '../support/local-stack.js';

const id = uniquePharmacyId('ph_e2e_onb');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ stores: [storeOptions(id)] });
});
afterAll(() => stack.close());

async function pharmacyRows(pharmacyId: string): Promise<number> {
  const rows = await stack.runtime.db.selectFrom('pharmacies').select('id').where('id', '=', pharmacyId).execute();
  return rows.length;
}

describe('onboarding over HTTP', () => {
  it('refuses a key DRX rejects, naming the problem, and stores nothing', async () => {
    const res = await stack.post('/pharmacies', { id, name: 'Bad Key', drxBaseUrl: stack.sandbox.baseUrlFor(id), apiKey: randomDrxKey() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const error = res.json.error as { code: string; message: string };
    expect(error.code).toBe('invalid_drx_key');
    expect(error.message).toMatch(/key/i);
    expect(await pharmacyRows(id)).toBe(0);
    expect((await readdir(stack.secretsDir)).filter((f) => f.includes(id))).toEqual([]);
  });

  it('refuses a malformed key without calling DRX, naming the field', async () => {
    const res = await stack.post('/pharmacies', { id, name: 'Bad', drxBaseUrl: stack.sandbox.baseUrlFor(id), apiKey: 'not-a-key' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain('apiKey');
    expect(JSON.stringify(res.json)).not.toContain('not-a-key');
  });

  it('onboards a good key: stored, masked in the answer, webhooks registered with the sandbox', async () => {
    const apiKey = stack.store(id).apiKey;
    const res = await stack.post('/pharmacies', { id, name: 'Good Pharmacy', drxBaseUrl: stack.sandbox.baseUrlFor(id), apiKey });
    expect(res.status).toBeLessThan(300);
    const text = JSON.stringify(res.json);
    expect(text).not.toContain(apiKey);
    expect(text).toContain(`****${apiKey.slice(-4)}`);
    expect(await pharmacyRows(id)).toBe(1);
    expect(stack.store(id).webhooks().length).toBeGreaterThan(0);
    expect(stack.store(id).webhooks().every((w) => w.url.startsWith(`${stack.url}/drx-webhook/${id}`))).toBe(true);
  });

  it('adding the same pharmacy again updates it', async () => {
    const apiKey = stack.store(id).apiKey;
    const res = await stack.post('/pharmacies', { id, name: 'Renamed Pharmacy', drxBaseUrl: stack.sandbox.baseUrlFor(id), apiKey });
    expect(res.status).toBeLessThan(300);
    const row = await stack.runtime.db.selectFrom('pharmacies').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Renamed Pharmacy');
    expect(await pharmacyRows(id)).toBe(1);
  });
});
