import { describe, expect, it } from 'vitest';
import { FIXED_NOW, apiKey } from './api-client.testkit.js';
import { createPrng, generateNpi, isValidNpi } from './index.js';
import { generateStore } from './generate-store.js';
import { resolveStoreOptions } from './store-options.js';
import { FILL_STATUSES } from './wire.js';

function generate(seed: number, extra: Record<string, number> = {}) {
  const opts = resolveStoreOptions({ slug: 'gen', apiKey: apiKey(3), seed, doctors: 60, prescriptions: 200, ...extra });
  const { data } = generateStore(opts, FIXED_NOW.getTime());
  return { doctors: data.doctors(), prescriptions: data.prescriptions.all(), fills: data.fills.all() };
}

describe('NPI helpers', () => {
  it.each([
    ['1234567893', true], // the CMS worked example
    ['1234567890', false],
    ['123456789', false],
    ['12345678931', false],
    ['12345678a3', false],
  ])('isValidNpi(%s) is %s', (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });

  it('generates NPIs that pass the Luhn check', () => {
    const prng = createPrng(42);
    for (let i = 0; i < 500; i++) expect(isValidNpi(generateNpi(prng))).toBe(true);
  });
});

describe('generation', () => {
  it('gives every valid doctor a Luhn-valid NPI and adds the configured invalid ones', () => {
    const { doctors } = generate(1, { invalidDoctors: 4 });
    expect(doctors).toHaveLength(64);
    const missing = doctors.filter((d) => d.npi === undefined);
    const badLuhn = doctors.filter((d) => d.npi !== undefined && !isValidNpi(d.npi));
    expect(missing).toHaveLength(2);
    expect(badLuhn).toHaveLength(2);
    expect(badLuhn.every((d) => /^\d{10}$/.test(d.npi ?? ''))).toBe(true);
  });

  it('mixes the configured invalid prescriptions and fills into the lists', () => {
    const { prescriptions, fills } = generate(2, { invalidPrescriptions: 4, invalidFills: 6 });
    expect(prescriptions).toHaveLength(204);
    expect(prescriptions.filter((rx) => rx.total_qty_remaining < 0)).toHaveLength(2);
    expect(prescriptions.filter((rx) => rx.doctor === undefined)).toHaveLength(2);
    const statuses: readonly string[] = FILL_STATUSES;
    expect(fills.filter((f) => !statuses.includes(f.status))).toHaveLength(3);
    expect(fills.filter((f) => f.dispensed_quantity < 0)).toHaveLength(3);
  });

  it('generates identical data for the same seed and clock, and different data for another seed', () => {
    const a = JSON.stringify(generate(5, { invalidDoctors: 2, invalidFills: 2 }));
    expect(JSON.stringify(generate(5, { invalidDoctors: 2, invalidFills: 2 }))).toBe(a);
    expect(JSON.stringify(generate(6, { invalidDoctors: 2, invalidFills: 2 }))).not.toBe(a);
  });

  it('keeps nested fills, last fill and dates consistent with the fill list', () => {
    const { prescriptions, fills } = generate(8);
    const byRx = new Map<number, typeof fills>();
    for (const f of fills) byRx.set(f.prescription_id, [...(byRx.get(f.prescription_id) ?? []), f]);
    for (const rx of prescriptions) {
      const own = byRx.get(rx.id) ?? [];
      expect(rx.prescription_fills.map((f) => f.id).sort()).toEqual(own.map((f) => f.id).sort());
      expect(rx.last_fill_status).toBe(rx.prescription_fills.at(-1)?.status ?? null);
      for (const f of own) expect(f.fill_date >= rx.created_at && f.fill_date <= FIXED_NOW.toISOString()).toBe(true);
      expect(rx.total_qty_remaining).toBeGreaterThanOrEqual(0);
      expect(rx.prescribed_item.ndc).toMatch(/^\d{11}$/);
    }
    // About two fills per prescription on average (0..4 each).
    expect(fills.length / prescriptions.length).toBeGreaterThan(1.5);
    expect(fills.length / prescriptions.length).toBeLessThan(2.5);
  });

  it('spreads dates over about two years before the store clock', () => {
    const { prescriptions } = generate(9);
    const oldest = prescriptions.map((rx) => rx.created_at).sort()[0] ?? '';
    expect(oldest < '2023-12-31').toBe(true);
    expect(oldest >= '2023-06-01').toBe(true);
  });
});
