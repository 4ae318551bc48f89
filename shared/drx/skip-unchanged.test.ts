import { describe, expect, it } from 'vitest';
import { mapFill, fillHash } from './map-fill.js';
import { mapPrescription, prescriptionHash } from './map-prescription.js';
import { planSkips, rawExternalId, rawFilterDate } from './skip-unchanged.js';

describe('raw record reading before validation', () => {
  it('reads ids as wireId would, and gives up on anything odd', () => {
    expect(rawExternalId({ id: 42 })).toBe('42');
    expect(rawExternalId({ id: ' rx-7 ' })).toBe('rx-7');
    expect(rawExternalId({ id: -1 })).toBeNull();
    expect(rawExternalId({ id: 1.5 })).toBeNull();
    expect(rawExternalId({ id: '  ' })).toBeNull();
    expect(rawExternalId({ id: { nested: 1 } })).toBeNull();
    expect(rawExternalId({})).toBeNull();
    expect(rawExternalId(null)).toBeNull();
    expect(rawExternalId([1])).toBeNull();
  });

  it('finds the same filter dates as the mappers', () => {
    const rx = {
      id: 1, doctor: { id: 2, npi: '1234567893', first_name: 'A', last_name: 'B' }, patient: null, prescribed_item: null,
      written_date: '2025-01-01', expiration_date: null, inactivated: false, daw: 0, refills: 1, total_qty_remaining: 10,
      last_filled_on: null, last_fill_status: null, created_at: '2025-01-01T00:00:00Z', updated_at: null,
      prescription_fills: [{ id: 3, fill_date: '2025-02-01T10:00:00Z' }, { id: 4, fill_date: '2025-03-01 09:30' }, { id: 5, fill_date: null }],
    };
    const mapped = mapPrescription(rx);
    expect(mapped.ok).toBe(true);
    if (mapped.ok) expect(rawFilterDate('prescriptions', rx)?.toISOString()).toBe(mapped.row.activityAt?.toISOString());
    expect(rawFilterDate('prescriptions', { ...rx, prescription_fills: null })?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(rawFilterDate('fills', { fill_date: '2025-04-02' })?.toISOString()).toBe('2025-04-02T00:00:00.000Z');
    expect(rawFilterDate('fills', { fill_date: null })).toBeNull();
  });

  it('hashes as the mappers do, so a mapped row and its raw record agree', () => {
    const fill = { id: 9, prescription_id: 1, status: 'Sold', fill_date: null, days_supply: 30, dispensed_quantity: 30, item: null, updated_at: null };
    const mapped = mapFill(fill);
    expect(mapped.ok).toBe(true);
    if (mapped.ok) expect(mapped.row.contentHash).toBe(fillHash(fill));
    expect(prescriptionHash(fill)).not.toBe(fillHash(fill));
  });
});

describe('planSkips', () => {
  it('skips only the items whose hash the engine reports stored, and never asks about items without a usable id', async () => {
    const items = [{ id: 1, fill_date: '2025-05-01' }, { id: 2, fill_date: '2025-06-01' }, { id: null }, 'junk'];
    const asked: string[][] = [];
    const plan = await planSkips('fills', items, async (_s, candidates) => {
      asked.push(candidates.map((c) => c.externalId));
      return new Set([fillHash(items[0])]);
    });
    expect(asked).toEqual([['1', '2']]);
    expect(plan.skip).toEqual([true, false, false, false]);
    expect(plan.skipped).toBe(1);
    expect(plan.maxDate?.toISOString()).toBe('2025-05-01T00:00:00.000Z');
  });

  it('does not call the engine for a page without candidates', async () => {
    let calls = 0;
    const plan = await planSkips('prescriptions', [{ id: null }], async () => {
      calls++;
      return new Set<string>();
    });
    expect(calls).toBe(0);
    expect(plan.skipped).toBe(0);
  });
});
