import { describe, expect, it } from 'vitest';
import { mapInsurances } from './map-insurances.js';

const slot = (company: string) => ({
  insurance_company: company, insurance_payer_id: '60054', insurance_plan_name: 'PPO', insurance_id_number: 'M123',
  insurance_group_number: 'G9', photo_front: null,
});
const empty = { insurance_company: '', insurance_payer_id: '', insurance_plan_name: '', insurance_id_number: '', insurance_group_number: '' };

describe('mapInsurances', () => {
  // [name, verbose patient, slots replaced, slots cleared, invalid fields]
  const cases: [string, unknown, string[], string[], string[]][] = [
    ['maps primary and secondary slots; an absent tertiary is cleared', { id: 5, primary_insurance: slot('Aetna'), secondary_insurance: slot('Cigna') }, ['primary', 'secondary'], ['tertiary'], []],
    ['maps a tertiary slot too', { id: 5, primary_insurance: slot('Aetna'), tertiary_insurance: slot('BCBS') }, ['primary', 'tertiary'], ['secondary'], []],
    ['clears slots DrChrono sends empty or null', { id: 5, primary_insurance: empty, secondary_insurance: null, tertiary_insurance: empty }, [], ['primary', 'secondary', 'tertiary'], []],
    ['touches nothing for a non-verbose patient', { id: 5, first_name: 'Ada' }, [], [], []],
    ['touches nothing for a patient without an id, and says so', { primary_insurance: slot('Aetna') }, [], [], ['id']],
    ['leaves a slot that does not parse alone, and counts it', { id: 5, primary_insurance: { insurance_company: { bad: 1 } }, secondary_insurance: slot('Cigna') }, ['secondary'], ['tertiary'], ['primary_insurance']],
    ['leaves a wrongly typed group number alone', { id: 5, primary_insurance: { ...slot('Acme'), insurance_group_number: { code: 'G1' } } }, [], ['secondary', 'tertiary'], ['primary_insurance']],
    ['leaves a slot that is not an object alone', { id: 5, primary_insurance: 'Acme', secondary_insurance: null }, [], ['secondary', 'tertiary'], ['primary_insurance']],
  ];

  it.each(cases)('%s', (_name, patient, rows, cleared, invalid) => {
    const read = mapInsurances(patient);
    expect(read.rows.map((r) => r.slot)).toEqual(rows);
    expect(read.cleared).toEqual(cleared);
    expect(read.invalid.map((i) => i.field)).toEqual(invalid);
  });

  it('names the failing field and rule of an invalid slot, never its value', () => {
    const [bad] = mapInsurances({ id: 5, primary_insurance: { ...slot('Acme'), insurance_group_number: { code: 'G1' } } }).invalid;
    expect(bad?.reason).toMatch(/insurance_group_number/);
    expect(bad?.reason).not.toContain('G1');
  });

  it('maps the payer, plan, member and group of a slot with raw JSON and a hash', () => {
    const [row] = mapInsurances({ id: 5, primary_insurance: slot('Aetna') }).rows;
    expect(row).toMatchObject({
      patient_drchrono_id: '5', slot: 'primary', payer_name: 'Aetna', payer_id: '60054', plan_name: 'PPO', member_id: 'M123',
      group_number: 'G9', raw: JSON.stringify(slot('Aetna')),
    });
    expect(row?.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('carries the patient’s updated_at, read as the patient mapper reads it, to order the slots', () => {
    expect(mapInsurances({ id: 5, updated_at: '2026-05-01T10:02:00', primary_insurance: slot('Aetna') }).updatedAt).toEqual(new Date('2026-05-01T10:02:00Z'));
    expect(mapInsurances({ id: 5, updated_at: '', primary_insurance: slot('Aetna') }).updatedAt).toBeNull();
    expect(mapInsurances({ id: 5, primary_insurance: slot('Aetna') }).updatedAt).toBeNull();
  });

  it('touches nothing when the patient’s updated_at is unreadable: the read cannot be ordered', () => {
    const read = mapInsurances({ id: 5, updated_at: 'yesterday', primary_insurance: slot('Aetna') });
    expect(read).toMatchObject({ rows: [], cleared: [], updatedAt: null });
    expect(read.invalid).toEqual([{ field: 'id', reason: expect.stringMatching(/updated_at/) as unknown }]);
  });
});
