import { describe, expect, it } from 'vitest';
import { mapDoctor } from './map-doctor.js';

const doctor = {
  id: 17,
  npi: '1234567893',
  dea: 'AS1234563',
  first_name: 'Ada',
  last_name: 'Smith',
  prescriber_type: 'MD',
  email: 'ada@clinic.example',
  state_license: 'CA123456',
  phone_numbers: ['555-123-4567'],
  addresses: [{ street: '1 Main St', city: 'Fresno', state: 'CA', zip: '93650' }],
  created_at: '2025-01-02T03:04:05.000Z',
  updated_at: '2025-02-02T03:04:05.000Z',
  some_field_we_do_not_use: { nested: true },
};

describe('mapDoctor', () => {
  it('maps a valid doctor to a prescriber row with a content hash', () => {
    const result = mapDoctor(doctor);
    expect(result).toEqual({
      ok: true,
      row: {
        externalId: '17',
        npi: '1234567893',
        firstName: 'Ada',
        lastName: 'Smith',
        dea: 'AS1234563',
        prescriberType: 'MD',
        email: 'ada@clinic.example',
        stateLicense: 'CA123456',
        phoneNumbers: ['555-123-4567'],
        addresses: [{ street: '1 Main St', city: 'Fresno', state: 'CA', zip: '93650' }],
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it.each([
    ['a string id', { ...doctor, id: 'd-17' }, 'd-17'],
    ['a numeric NPI', { ...doctor, npi: 1234567893 }, '17'],
  ])('accepts %s', (_name, wire, externalId) => {
    const result = mapDoctor(wire);
    expect(result.ok && result.row.externalId).toBe(externalId);
    expect(result.ok && result.row.npi).toBe('1234567893');
  });

  it('turns absent optional fields into nulls and empty lists', () => {
    const result = mapDoctor({ id: 3, npi: '1000000004' });
    expect(result.ok && result.row).toMatchObject({
      firstName: null,
      dea: null,
      email: null,
      phoneNumbers: [],
      addresses: [],
    });
  });

  it.each([
    ['an NPI failing Luhn', { ...doctor, npi: '1234567890' }, 'npi: fails Luhn check'],
    ['a missing NPI', { ...doctor, npi: undefined }, 'npi: required'],
    ['a null NPI', { ...doctor, npi: null }, 'npi: required'],
    ['a nine-digit NPI', { ...doctor, npi: '123456789' }, 'npi: must be 10 digits'],
    ['a missing id', { ...doctor, id: undefined }, 'id: required'],
    ['a negative id', { ...doctor, id: -4 }, 'id: must be a non-negative integer or a non-empty string'],
    ['a bad created_at', { ...doctor, created_at: 'yesterday' }, 'created_at: must be an ISO-8601 date-time'],
    ['a name that is an object', { ...doctor, first_name: { x: 1 } }, 'first_name: must be a string'],
  ])('refuses %s and names the field and the rule', (_name, wire, reason) => {
    const externalId = wire.id === undefined ? 'unknown@5' : String(wire.id);
    expect(mapDoctor(wire, 'unknown@5')).toEqual({ ok: false, invalid: { externalId, reason } });
  });

  it('never puts the offending value into the reason', () => {
    const result = mapDoctor({ ...doctor, npi: '9999999999', email: 12 });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('9999999999');
  });

  it.each([
    ['a string', 'not a doctor', 'record: has the wrong type'],
    ['null', null, 'record: required'],
    ['an array', [doctor], 'record: has the wrong type'],
  ])('refuses %s as a record, keyed by the fallback id', (_name, wire, reason) => {
    const result = mapDoctor(wire, 'unknown@9');
    expect(result).toEqual({ ok: false, invalid: { externalId: 'unknown@9', reason } });
  });

  it('gives the same hash for the same doctor and a different one when a mapped field changes', () => {
    const a = mapDoctor(doctor);
    const b = mapDoctor({ ...doctor, some_field_we_do_not_use: 'changed' });
    const c = mapDoctor({ ...doctor, email: 'new@clinic.example' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid doctors');
    expect(b.row.contentHash).toBe(a.row.contentHash);
    expect(c.row.contentHash).not.toBe(a.row.contentHash);
  });
});
