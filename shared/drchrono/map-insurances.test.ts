import { describe, expect, it } from 'vitest';
import { mapInsurances } from './map-insurances.js';

const slot = (company: string) => ({
  insurance_company: company, insurance_payer_id: '60054', insurance_plan_name: 'PPO', insurance_id_number: 'M123',
  insurance_group_number: 'G9', photo_front: null,
});
const empty = { insurance_company: '', insurance_payer_id: '', insurance_plan_name: '', insurance_id_number: '', insurance_group_number: '' };

describe('mapInsurances', () => {
  const cases: [string, unknown, string[]][] = [
    ['maps primary and secondary slots', { id: 5, primary_insurance: slot('Aetna'), secondary_insurance: slot('Cigna') }, ['primary', 'secondary']],
    ['maps a tertiary slot too', { id: 5, primary_insurance: slot('Aetna'), tertiary_insurance: slot('BCBS') }, ['primary', 'tertiary']],
    ['skips slots DrChrono sends empty or null', { id: 5, primary_insurance: empty, secondary_insurance: null }, []],
    ['yields nothing for a non-verbose patient', { id: 5, first_name: 'Ada' }, []],
    ['yields nothing for a patient without an id', { primary_insurance: slot('Aetna') }, []],
    ['skips a slot that does not parse', { id: 5, primary_insurance: { insurance_company: { bad: 1 } }, secondary_insurance: slot('Cigna') }, ['secondary']],
  ];

  it.each(cases)('%s', (_name, patient, slots) => {
    expect(mapInsurances(patient).map((r) => r.slot)).toEqual(slots);
  });

  it('maps the payer, plan, member and group of a slot with raw JSON and a hash', () => {
    const [row] = mapInsurances({ id: 5, primary_insurance: slot('Aetna') });
    expect(row).toMatchObject({
      patient_drchrono_id: '5', slot: 'primary', payer_name: 'Aetna', payer_id: '60054', plan_name: 'PPO', member_id: 'M123',
      group_number: 'G9', raw: JSON.stringify(slot('Aetna')),
    });
    expect(row?.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
