import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, apiKey, callJson } from './api-client.testkit.js';
import { startDrxSandbox } from './index.js';
import type { DrxSandbox } from './index.js';

let sandbox: DrxSandbox;

beforeAll(async () => {
  sandbox = await startDrxSandbox();
  for (const [slug, n] of [['auth_a', 10], ['auth_b', 11]] as const) {
    sandbox.addStore({ slug, apiKey: apiKey(n), seed: n, doctors: 3, prescriptions: 3, now: () => FIXED_NOW });
  }
});
afterAll(() => sandbox.close());

describe('authentication', () => {
  it('lets the store key through', async () => {
    expect((await callJson(sandbox.baseUrlFor('auth_a'), '/heartbeat', apiKey(10))).status).toBe(200);
  });

  it.each([
    ['a missing key', undefined],
    ['a wrong key', apiKey(99)],
    ["another store's key", apiKey(11)],
  ])('rejects %s with 401 invalid key', async (_name, key) => {
    const { status, body } = await callJson(sandbox.baseUrlFor('auth_a'), '/doctors', key);
    expect(status).toBe(401);
    expect(body).toEqual({ success: false, error: 'invalid key' });
  });

  it('does not spend the rate budget on rejected keys', async () => {
    const store = sandbox.store('auth_b');
    store.setFaults({ rateLimitPerSecond: 1 });
    for (let i = 0; i < 3; i++) await callJson(sandbox.baseUrlFor('auth_b'), '/heartbeat', apiKey(10));
    expect((await callJson(sandbox.baseUrlFor('auth_b'), '/heartbeat', apiKey(11))).status).toBe(200);
    expect(store.stats().rateLimited).toBe(0);
  });
});

describe('store registration', () => {
  it('refuses a malformed key and a duplicate slug, naming the problem', () => {
    expect(() => sandbox.addStore({ slug: 'auth_c', apiKey: 'DRX123', seed: 1, doctors: 1, prescriptions: 0 })).toThrow(/apiKey/);
    expect(() => sandbox.addStore({ slug: 'auth_a', apiKey: apiKey(1), seed: 1, doctors: 1, prescriptions: 0 })).toThrow(
      /already exists/,
    );
    expect(() => sandbox.store('auth_c')).toThrow(/unknown store/);
  });
});
