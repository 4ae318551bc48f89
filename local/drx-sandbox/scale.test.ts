import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKey, callJson } from './api-client.testkit.js';
import { startDrxSandbox } from './index.js';
import type { DrxSandbox, Fill, Prescription } from './index.js';

let sandbox: DrxSandbox;
const KEY = apiKey(9);

beforeAll(async () => {
  sandbox = await startDrxSandbox();
});
afterAll(() => sandbox.close());

// No timing assertions: this proves a benchmark-sized store works end to end.
describe('a benchmark-sized store', () => {
  it('generates 100,000 prescriptions and serves deep pages of both lists', { timeout: 60_000 }, async () => {
    const store = sandbox.addStore({ slug: 'big', apiKey: KEY, seed: 99, doctors: 800, prescriptions: 100_000, invalidPrescriptions: 10 });
    const base = sandbox.baseUrlFor('big');
    const deep = await callJson<{ total: number; prescriptions: Prescription[] }>(base, '/prescriptions?limit=100&offset=99900', KEY);
    expect(deep.body.total).toBe(100_010);
    expect(deep.body.prescriptions).toHaveLength(100);
    const tail = await callJson<{ prescriptions: Prescription[] }>(base, '/prescriptions?limit=100&offset=100000', KEY);
    expect(tail.body.prescriptions).toHaveLength(10);
    const fills = store.data.fills.length;
    expect(fills).toBeGreaterThan(150_000);
    const lastFills = await callJson<{ total: number; fills: Fill[] }>(base, `/prescription-fills?limit=100&offset=${fills - 5}`, KEY);
    expect(lastFills.body.total).toBe(fills);
    expect(lastFills.body.fills).toHaveLength(5);
  });
});
