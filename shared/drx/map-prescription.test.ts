import { describe, expect, it } from 'vitest';
import { mapPrescription } from './map-prescription.js';

const rx = {
  id: 501,
  store_id: 1234,
  written_date: '2025-03-01',
  expiration_date: '2026-03-01',
  inactivated: false,
  sig: 'Take one tablet daily',
  daw: 0,
  refills: 3,
  total_qty_remaining: 90,
  last_filled_on: '2025-04-02',
  last_fill_status: 'Sold',
  patient: { id: 50001, first_name: 'Pat', last_name: 'Doe', date_of_birth: '1970-01-01' },
  doctor: { id: 17, first_name: 'Ada', last_name: 'Smith', npi: '1234567893' },
  prescribed_item: { id: 7001, name: 'Atorvastatin 20mg', ndc: '00071015523' },
  prescription_fills: [
    { id: 9001, status: 'Sold', fill_date: '2025-04-02T10:00:00.000Z', days_supply: 30, dispensed_quantity: 30 },
    { id: 9000, status: 'Sold', fill_date: '2025-03-02T10:00:00.000Z', days_supply: 30, dispensed_quantity: 30 },
  ],
  created_at: '2025-03-01T09:00:00.000Z',
  updated_at: '2025-04-02T10:05:00.000Z',
};

describe('mapPrescription', () => {
  it('maps a valid prescription, keeping patient names and SIG only in raw', () => {
    const result = mapPrescription(rx);
    if (!result.ok) throw new Error(result.invalid.reason);
    const { raw, contentHash, ...row } = result.row;
    expect(row).toEqual({
      externalId: '501',
      prescriberNpi: '1234567893',
      prescriberFirstName: 'Ada',
      prescriberLastName: 'Smith',
      doctorExternalId: '17',
      patientExternalId: '50001',
      itemExternalId: '7001',
      ndc: '00071015523',
      drugName: 'Atorvastatin 20mg',
      writtenDate: '2025-03-01',
      expirationDate: '2026-03-01',
      inactivated: false,
      daw: 0,
      refills: 3,
      totalQtyRemaining: 90,
      lastFilledOn: '2025-04-02',
      lastFillStatus: 'Sold',
      activityAt: new Date('2025-04-02T10:00:00.000Z'),
      sourceCreatedAt: new Date('2025-03-01T09:00:00.000Z'),
      sourceUpdatedAt: new Date('2025-04-02T10:05:00.000Z'),
    });
    expect(raw).toBe(rx);
    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['the latest fill date, whatever the order', rx, '2025-04-02T10:00:00.000Z'],
    ['created_at when there are no fills', { ...rx, prescription_fills: [] }, '2025-03-01T09:00:00.000Z'],
    ['created_at when fills are absent', { ...rx, prescription_fills: undefined }, '2025-03-01T09:00:00.000Z'],
    [
      'the fill date when a fill has no date and another has',
      { ...rx, prescription_fills: [{ id: 1, fill_date: null }, { id: 2, fill_date: '2025-05-05T00:00:00Z' }] },
      '2025-05-05T00:00:00.000Z',
    ],
  ])('takes activityAt from %s', (_name, wire, expected) => {
    const result = mapPrescription(wire);
    expect(result.ok && result.row.activityAt?.toISOString()).toBe(expected);
  });

  it('reads a date-time without a zone as UTC and one with an offset as that instant', () => {
    const result = mapPrescription({ ...rx, created_at: '2025-03-01T09:00:00', updated_at: '2025-04-02T12:05:00+0200' });
    expect(result.ok && result.row.sourceCreatedAt?.toISOString()).toBe('2025-03-01T09:00:00.000Z');
    expect(result.ok && result.row.sourceUpdatedAt?.toISOString()).toBe('2025-04-02T10:05:00.000Z');
  });

  it.each([
    ['a doctor NPI failing Luhn', { ...rx, doctor: { ...rx.doctor, npi: '1234567890' } }, 'doctor.npi: fails Luhn check'],
    ['no doctor', { ...rx, doctor: undefined }, 'doctor: required'],
    ['a doctor without NPI', { ...rx, doctor: { id: 17, first_name: 'Ada', last_name: 'Smith' } }, 'doctor.npi: required'],
    ['a negative quantity remaining', { ...rx, total_qty_remaining: -30 }, 'total_qty_remaining: must be ≥ 0'],
    ['negative refills', { ...rx, refills: -1 }, 'refills: must be ≥ 0'],
    ['fractional refills', { ...rx, refills: 1.5 }, 'refills: must be a whole number'],
    ['an unknown last fill status', { ...rx, last_fill_status: 'Teleported' }, 'last_fill_status: must be one of the DRX fill statuses'],
    ['an impossible written date', { ...rx, written_date: '2025-02-30' }, 'written_date: must be an ISO-8601 date'],
    [
      'a bad nested fill date',
      { ...rx, prescription_fills: [{ id: 1, fill_date: 'soon' }] },
      'prescription_fills.0.fill_date: must be an ISO-8601 date-time',
    ],
    ['two problems at once', { ...rx, total_qty_remaining: -1, doctor: undefined }, 'total_qty_remaining: must be ≥ 0; doctor: required'],
  ])('refuses %s, naming the field and the rule', (_name, wire, reason) => {
    expect(mapPrescription(wire, 'unknown@3')).toEqual({ ok: false, invalid: { externalId: '501', reason } });
  });

  it('never puts the offending value into the reason', () => {
    const result = mapPrescription({ ...rx, total_qty_remaining: -4242, doctor: { ...rx.doctor, npi: '5555555555' } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toMatch(/4242|5555555555/);
  });

  it('keys a record without an id by the fallback', () => {
    expect(mapPrescription({ ...rx, id: undefined }, 'unknown@42')).toEqual({
      ok: false,
      invalid: { externalId: 'unknown@42', reason: 'id: required' },
    });
  });

  it('changes the hash when a field we do not map changes (it is in raw)', () => {
    const a = mapPrescription(rx);
    const b = mapPrescription({ ...rx, sig: 'Take two tablets daily' });
    const c = mapPrescription(structuredClone(rx));
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid prescriptions');
    expect(b.row.contentHash).not.toBe(a.row.contentHash);
    expect(c.row.contentHash).toBe(a.row.contentHash);
  });
});
