import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, apiKey, callJson } from './api-client.testkit.js';
import { startDrxSandbox } from './index.js';
import type { DrxSandbox, Fill, Prescription, SandboxStore } from './index.js';

let sandbox: DrxSandbox;
let slugCount = 0;
const KEY = apiKey(7);
// A previous sync ran at midnight; its next window starts there.
const LAST_SYNC = '2025-06-01T00:00:00.000Z';

beforeAll(async () => {
  sandbox = await startDrxSandbox();
});
afterAll(() => sandbox.close());

function freshStore(): { store: SandboxStore; base: string } {
  const slug = `mut_${++slugCount}`;
  const store = sandbox.addStore({ slug, apiKey: KEY, seed: 21, doctors: 8, prescriptions: 200, now: () => FIXED_NOW });
  return { store, base: sandbox.baseUrlFor(slug) };
}

describe('store mutations', () => {
  it('adds a late fill that an after_date window past yesterday never sees', async () => {
    const { store, base } = freshStore();
    const rx = store.data.prescriptions[0] as Prescription;
    const fill = store.addLateFill(rx.id);
    expect(fill.fill_date).toBe('2025-05-31T12:00:00.000Z');
    expect(fill.updated_at).toBe(FIXED_NOW.toISOString());
    const window = await callJson<{ fills: Fill[] }>(base, `/prescription-fills?limit=100&after_date=${LAST_SYNC}`, KEY);
    expect(window.body.fills.map((f) => f.id)).not.toContain(fill.id);
    const wide = await callJson<{ fills: Fill[] }>(base, '/prescription-fills?limit=100&after_date=2025-05-30', KEY);
    expect(wide.body.fills.map((f) => f.id)).toContain(fill.id);
    const again = await callJson<{ prescription: Prescription }>(base, `/prescription/${rx.id}`, KEY);
    expect(again.body.prescription.prescription_fills.map((f) => f.id)).toContain(fill.id);
    expect(store.deliveries()).toEqual([]);
  });

  it('changes the requested fraction of prescriptions without adding fills', () => {
    const { store } = freshStore();
    const fillsBefore = store.data.fills.length;
    const before = new Map(store.data.prescriptions.map((rx) => [rx.id, JSON.stringify(rx)]));
    const ids = store.changePrescriptions(0.05);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    const changed = store.data.prescriptions.filter((rx) => before.get(rx.id) !== JSON.stringify(rx)).map((rx) => rx.id);
    expect(changed.sort((a, b) => a - b)).toEqual(ids);
    for (const id of ids) {
      expect(store.data.prescriptions.find((rx) => rx.id === id)?.updated_at).toBe(FIXED_NOW.toISOString());
    }
    expect(store.data.fills).toHaveLength(fillsBefore);
  });

  it('changes the requested fraction of fills and reflects them in their prescriptions', () => {
    const { store } = freshStore();
    const before = new Map(store.data.fills.map((f) => [f.id, JSON.stringify(f)]));
    const ids = store.changeFills(0.1);
    expect(ids).toHaveLength(Math.round(store.data.fills.length * 0.1));
    const changed = store.data.fills.filter((f) => before.get(f.id) !== JSON.stringify(f)).map((f) => f.id);
    expect(changed.sort((a, b) => a - b)).toEqual(ids);
    const fill = store.data.fills.find((f) => f.id === ids[0]) as Fill;
    const rx = store.data.prescriptions.find((p) => p.id === fill.prescription_id) as Prescription;
    expect(rx.prescription_fills.find((f) => f.id === fill.id)).toMatchObject({
      status: fill.status,
      dispensed_quantity: fill.dispensed_quantity,
    });
  });

  it('makes the same changes for the same seed', () => {
    const a = freshStore().store.changePrescriptions(0.2);
    const b = freshStore().store.changePrescriptions(0.2);
    expect(a).toEqual(b);
  });

  it('shows a new prescription at the end of the listing with its fill dated now', async () => {
    const { store, base } = freshStore();
    const rx = store.addPrescription({ refills: 3 });
    expect(rx.refills).toBe(3);
    expect(rx.last_filled_on).toBe('2025-06-01');
    const total = store.data.prescriptions.length;
    const last = await callJson<{ total: number; prescriptions: Prescription[] }>(
      base,
      `/prescriptions?limit=1&offset=${total - 1}`,
      KEY,
    );
    expect(last.body.total).toBe(201);
    expect(last.body.prescriptions[0]?.id).toBe(rx.id);
  });
});
