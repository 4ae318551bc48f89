import { describe, expect, it } from 'vitest';
import { mapMirror } from './map-mirror.js';
import type { MirrorKind } from './rows.js';

const patient = {
  id: 101, chart_id: 'CH-1', first_name: 'Ada', last_name: 'Lovelace', date_of_birth: '1980-02-29', gender: 'Female',
  email: '', cell_phone: '555-0100', home_phone: null, address: '1 Main St', city: 'Fresno', state: 'CA', zip_code: '93650',
  doctor: 7, patient_status: 'A', default_pharmacy: '1234567', preferred_pharmacies: [], updated_at: '2026-03-01T10:00:00',
  unknown_extra: { nested: true },
};
const appointment = {
  id: '9001', patient: 101, doctor: 7, office: 3, scheduled_time: '2026-03-02T09:30:00', duration: 30, status: 'Complete',
  reason: 'Follow-up', icd10_codes: ['E11.9'], deleted_flag: false, updated_at: '2026-03-02T10:00:00Z',
};
const note = {
  id: 555, patient: 101, appointment: '9001', locked: true, pdf: 'https://files.example/n.pdf',
  clinical_note_sections: [{ name: 'Plan', values: [] }], updated_at: '2026-03-02T11:00:00Z',
};
const medication = {
  id: 77, patient: 101, doctor: 7, appointment: null, name: 'Metformin', rxnorm: '860975', ndc: '', dosage_quantity: '500',
  dosage_units: 'mg', frequency: 'BID', route: 'oral', status: 'active', date_prescribed: '2026-01-05', date_stopped_taking: null,
  number_refills: 3, dispense_quantity: 60, daw: false, prn: false,
};
const problem = {
  id: 88, patient: 101, name: 'Type 2 diabetes', icd_code: 'E11.9', icd_version: '10', snomed_ct_code: '44054006',
  status: 'active', date_onset: '2020-01-01', date_diagnosis: '',
};
const allergy = { id: 99, patient: 101, description: 'Penicillin', reaction: 'Hives', snomed_code: '91936005', rxnorm: '7980', status: 'active' };
const lineItem = {
  id: 66, appointment: '9001', patient: 101, code: '99213', procedure_type: 'C', units: '1.00', price: '120.00', billed: '120.00',
  paid_total: '80.00', balance_total: '-5.50', posted_date: '2026-03-03', service_date: '2026-03-02', updated_at: '2026-03-03T00:00:00Z',
};

const valid: [MirrorKind, unknown, Record<string, unknown>][] = [
  ['patients', patient, {
    drchrono_id: '101', chart_id: 'CH-1', doctor_drchrono_id: '7', date_of_birth: '1980-02-29', email: null, home_phone: null,
    address: JSON.stringify({ address: '1 Main St', city: 'Fresno', state: 'CA', zip_code: '93650' }),
    source_updated_at: new Date('2026-03-01T10:00:00Z'),
  }],
  ['appointments', appointment, {
    drchrono_id: '9001', patient_drchrono_id: '101', office_drchrono_id: '3', duration: 30,
    scheduled_time: new Date('2026-03-02T09:30:00Z'), icd10_codes: '["E11.9"]',
  }],
  ['clinical_notes', note, { drchrono_id: '555', appointment_drchrono_id: '9001', note_date: null, locked: true, sections: JSON.stringify(note.clinical_note_sections) }],
  ['medications', medication, { drchrono_id: '77', patient_drchrono_id: '101', appointment_drchrono_id: null, ndc: null, number_refills: 3, dispense_quantity: 60, daw: false }],
  ['problems', problem, { drchrono_id: '88', icd_version: '10', date_onset: '2020-01-01', date_diagnosis: null }],
  ['allergies', allergy, { drchrono_id: '99', patient_drchrono_id: '101', reaction: 'Hives' }],
  ['line_items', lineItem, { drchrono_id: '66', appointment_drchrono_id: '9001', units: 1, price: 120, balance_total: -5.5, service_date: '2026-03-02' }],
];

describe('mapMirror', () => {
  it.each(valid)('maps a valid %s object to its row with raw JSON and a content hash', (kind, wire, expected) => {
    const result = mapMirror(kind, wire);
    if (!result.ok) throw new Error(result.reason);
    expect(result.row).toMatchObject(expected);
    expect(result.row.raw).toBe(JSON.stringify(wire));
    expect(result.row.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.deleted).toBe(false);
  });

  it.each(valid)('gives a %s object the same hash whatever its key order, and a new hash when a field changes', (kind, wire) => {
    const obj = wire as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(obj).reverse());
    const a = mapMirror(kind, obj);
    const b = mapMirror(kind, reordered);
    const c = mapMirror(kind, { ...obj, status: 'changed-status' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected rows');
    expect(b.row.content_hash).toBe(a.row.content_hash);
    expect(c.row.content_hash).not.toBe(a.row.content_hash);
  });

  const invalid: [string, MirrorKind, unknown, string][] = [
    ['a patient without an id', 'patients', { ...patient, id: undefined }, 'id: required'],
    ['a patient with an impossible birth date', 'patients', { ...patient, date_of_birth: '1981-02-29' }, 'date_of_birth: must be an ISO-8601 date'],
    ['a medication without a patient', 'medications', { ...medication, patient: null }, 'patient: required'],
    ['a medication with text refills', 'medications', { ...medication, number_refills: 'three' }, 'number_refills: must be a whole number'],
    ['a line item with a non-numeric price', 'line_items', { ...lineItem, price: '12,00' }, 'price: must be a number'],
    ['an appointment whose codes are not a list', 'appointments', { ...appointment, icd10_codes: 'E11.9' }, 'icd10_codes: must be a list'],
    ['an allergy that is not an object', 'allergies', 'Penicillin', 'record: must be an object'],
  ];

  it.each(invalid)('refuses %s, naming the field and rule but not the value', (_name, kind, wire, reason) => {
    const result = mapMirror(kind, wire);
    expect(result).toEqual({ ok: false, reason });
    if (!result.ok) expect(result.reason).not.toMatch(/Lovelace|1981|three|12,00|Penicillin/);
  });

  it('reports an appointment DrChrono flags as deleted', () => {
    const result = mapMirror('appointments', { ...appointment, deleted_flag: true });
    expect(result.ok && result.deleted).toBe(true);
  });

  it('keeps a string appointment id as written and accepts a numeric one as text', () => {
    const a = mapMirror('appointments', { ...appointment, id: '12_20260302' });
    const b = mapMirror('appointments', { ...appointment, id: 4242 });
    expect(a.ok && a.row.drchrono_id).toBe('12_20260302');
    expect(b.ok && b.row.drchrono_id).toBe('4242');
  });
});
