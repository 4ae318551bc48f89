import { describe, expect, it } from 'vitest';
import { DRX_FILL_STATUSES } from './fill-statuses.js';
import { mapFill } from './map-fill.js';

const fill = {
  id: 9001,
  prescription_id: 501,
  status: 'Sold',
  fill_date: '2025-04-02T10:00:00.000Z',
  days_supply: 30,
  dispensed_quantity: 30,
  item: { ndc: '00071015523', name: 'Atorvastatin 20mg' },
  updated_at: '2025-04-02T10:05:00.000Z',
};

describe('mapFill', () => {
  it('maps a valid fill', () => {
    const result = mapFill(fill);
    if (!result.ok) throw new Error(result.invalid.reason);
    const { raw, contentHash, ...row } = result.row;
    expect(row).toEqual({
      externalId: '9001',
      prescriptionExternalId: '501',
      status: 'Sold',
      fillDate: new Date('2025-04-02T10:00:00.000Z'),
      daysSupply: 30,
      dispensedQuantity: 30,
      ndc: '00071015523',
      drugName: 'Atorvastatin 20mg',
      sourceUpdatedAt: new Date('2025-04-02T10:05:00.000Z'),
    });
    expect(raw).toBe(fill);
    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(DRX_FILL_STATUSES.map((s) => [s]))('accepts the status %s', (status) => {
    const result = mapFill({ ...fill, status });
    expect(result.ok && result.row.status).toBe(status);
  });

  it.each([
    ['string ids', { ...fill, id: '9001', prescription_id: '501' }, { externalId: '9001', prescriptionExternalId: '501' }],
    ['a quoted quantity', { ...fill, dispensed_quantity: '30.5' }, { dispensedQuantity: 30.5 }],
    ['a bare fill date', { ...fill, fill_date: '2025-04-02' }, { fillDate: new Date('2025-04-02T00:00:00.000Z') }],
    ['a null fill date and no item', { ...fill, fill_date: null, item: null }, { fillDate: null, ndc: null, drugName: null }],
  ])('accepts %s', (_name, wire, expected) => {
    const result = mapFill(wire);
    expect(result.ok && result.row).toMatchObject(expected);
  });

  it.each([
    ['an unknown status', { ...fill, status: 'Teleported' }, 'status: must be one of the DRX fill statuses'],
    ['no status', { ...fill, status: undefined }, 'status: required'],
    ['a negative dispensed quantity', { ...fill, dispensed_quantity: -3 }, 'dispensed_quantity: must be ≥ 0'],
    ['a negative quoted quantity', { ...fill, dispensed_quantity: '-3' }, 'dispensed_quantity: must be ≥ 0'],
    ['a word for a quantity', { ...fill, days_supply: 'thirty' }, 'days_supply: must be a number'],
    ['no prescription id', { ...fill, prescription_id: undefined }, 'prescription_id: required'],
    [
      'an empty prescription id',
      { ...fill, prescription_id: '  ' },
      'prescription_id: must be a non-negative integer or a non-empty string',
    ],
  ])('refuses %s, naming the field and the rule', (_name, wire, reason) => {
    expect(mapFill(wire, 'unknown@0')).toEqual({ ok: false, invalid: { externalId: '9001', reason } });
  });

  it('never puts an unknown status into the reason', () => {
    const result = mapFill({ ...fill, status: 'Secret Status' });
    expect(JSON.stringify(result)).not.toContain('Secret Status');
  });

  it('changes the hash when anything on the wire changes', () => {
    const a = mapFill(fill);
    const b = mapFill({ ...fill, extra: 1 });
    if (!a.ok || !b.ok) throw new Error('expected valid fills');
    expect(b.row.contentHash).not.toBe(a.row.contentHash);
  });
});
