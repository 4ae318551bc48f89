import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, apiKey, callJson } from './api-client.testkit.js';
import { startDrxSandbox } from './index.js';
import type { DrxSandbox, Fill, Prescription, SandboxStore } from './index.js';

let sandbox: DrxSandbox;
let store: SandboxStore;
let base: string;
const KEY = apiKey(2);

beforeAll(async () => {
  sandbox = await startDrxSandbox();
  store = sandbox.addStore({ slug: 'dates', apiKey: KEY, seed: 3, doctors: 10, prescriptions: 300, now: () => FIXED_NOW });
  base = sandbox.baseUrlFor('dates');
});
afterAll(() => sandbox.close());

// The contract: /prescriptions filters by the prescription's fill dates; with no fills, by created_at.
function filterDate(rx: Prescription): string {
  return rx.prescription_fills.map((f) => f.fill_date).sort().at(-1) ?? rx.created_at;
}

async function pageAll<T>(path: string, key: 'prescriptions' | 'fills'): Promise<{ total: number; items: T[] }> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const sep = path.includes('?') ? '&' : '?';
    const { status, body } = await callJson<Record<string, unknown>>(base, `${path}${sep}limit=100&offset=${offset}`, KEY);
    expect(status).toBe(200);
    const page = body[key] as T[];
    items.push(...page);
    if (page.length < 100) return { total: body.total as number, items };
  }
}

describe('date filters', () => {
  it('lists prescriptions ordered by latest fill date, then id', async () => {
    const { items } = await pageAll<Prescription>('/prescriptions', 'prescriptions');
    expect(items).toHaveLength(300);
    const keys = items.map((rx) => [filterDate(rx), rx.id] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });

  it('filters prescriptions by fill date with an exclusive after_date', async () => {
    const pivot = filterDate(store.data.prescriptions[150] as Prescription);
    const { total, items } = await pageAll<Prescription>(`/prescriptions?after_date=${pivot}`, 'prescriptions');
    const expected = store.data.prescriptions.filter((rx) => filterDate(rx) > pivot);
    expect(total).toBe(expected.length);
    expect(items.map((rx) => rx.id)).toEqual(expected.map((rx) => rx.id));
    expect(items.some((rx) => filterDate(rx) === pivot)).toBe(false);
    // A prescription created before the pivot but filled after it is included: fill dates decide.
    expect(items.some((rx) => rx.created_at < pivot)).toBe(true);
  });

  it('filters fills by fill_date with exclusive after_date and before_date', async () => {
    const fills = store.data.fills;
    const after = (fills[40] as Fill).fill_date;
    const before = (fills[90] as Fill).fill_date;
    const { total, items } = await pageAll<Fill>(`/prescription-fills?after_date=${after}&before_date=${before}`, 'fills');
    expect(total).toBe(49);
    expect(items.map((f) => f.id)).toEqual(fills.slice(41, 90).map((f) => f.id));
  });

  it('accepts a plain date as a bound', async () => {
    const { status, body } = await callJson<{ total: number }>(base, '/prescription-fills?after_date=2025-05-01', KEY);
    expect(status).toBe(200);
    expect(body.total).toBe(store.data.fills.filter((f) => f.fill_date > '2025-05-01T00:00:00.000Z').length);
  });

  it.each(['yesterday', '2025-13-40', '01/05/2025'])('rejects the malformed date %s with 400', async (bad) => {
    const { status, body } = await callJson<{ error: string }>(base, `/prescriptions?after_date=${bad}`, KEY);
    expect(status).toBe(400);
    expect(body.error).toContain('after_date');
  });
});
