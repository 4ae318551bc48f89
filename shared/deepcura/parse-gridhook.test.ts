import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { encryptedPayloadOf, parseGridhookNote } from './parse-gridhook.js';

const NOT_STORABLE = 'must not hold the NUL character (\\u0000) or an unpaired surrogate';
const parse = (value: unknown) => parseGridhookNote(Buffer.from(JSON.stringify(value)));

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'bad_payload' && err.kind === 'permanent') return err.message;
    throw err;
  }
  throw new Error('expected bad_payload');
}

describe('parseGridhookNote', () => {
  it('reads every field, turning ids into text and a date-time into its date', () => {
    const note = parse({
      appointment_id: 'A-77',
      patient_id: 12,
      doctor_id: '34',
      session_date: '2026-01-05T14:30:00Z',
      transcript: 't',
      soap: { subjective: 's', objective: 'o', assessment: 'a', plan: 'p' },
      icd10_codes: [{ code: 'E11.9', description: 'T2DM', confidence: 0.92 }],
      cpt_codes: [{ code: '99213', units: 2 }],
      medication_mentions: ['metformin', { name: 'lisinopril', dose: '10 mg' }],
      billing_summary: { total: 120 },
      risk_assessment: { level: 'low' },
      extra_field_from_a_newer_version: true,
    });
    expect(note).toMatchObject({
      appointment_id: 'A-77',
      patient_id: '12',
      doctor_id: '34',
      session_date: '2026-01-05',
      soap: { plan: 'p' },
      icd10_codes: [{ code: 'E11.9', confidence: 0.92 }],
      cpt_codes: [{ code: '99213', units: 2, modifiers: [] }],
    });
  });

  it('fills defaults for a minimal note', () => {
    expect(parse({})).toEqual({
      appointment_id: null, patient_id: null, doctor_id: null, session_date: null, transcript: null, soap: null,
      icd10_codes: [], cpt_codes: [], medication_mentions: [], billing_summary: null, risk_assessment: null,
    });
  });

  it('reads a null list as an empty one, like a missing list (every known field is optional)', () => {
    expect(parse({ icd10_codes: null, cpt_codes: [{ code: '99213', modifiers: null }], medication_mentions: null })).toMatchObject({
      icd10_codes: [], cpt_codes: [{ code: '99213', units: 1, modifiers: [] }], medication_mentions: [],
    });
    expect(parse({ cpt_codes: null }).cpt_codes).toEqual([]);
  });

  it('reads null CPT units as the default 1, like missing units', () => {
    expect(parse({ cpt_codes: [{ code: '99213', units: null }] }).cpt_codes).toEqual([expect.objectContaining({ code: '99213', units: 1 })]);
  });

  it.each([
    ['plaintext that is not JSON', Buffer.from('not json {'), 'bad_payload: decrypted payload is not valid JSON'],
    ['a JSON array', Buffer.from('[1]'), 'bad_payload: (body): expected object'],
    ['codes that are not a list', Buffer.from('{"icd10_codes":"E11"}'), 'bad_payload: icd10_codes: expected array'],
    ['a confidence above 1', Buffer.from('{"icd10_codes":[{"code":"E11","confidence":7}]}'), 'bad_payload: icd10_codes.0.confidence: must be between 0 and 1'],
    ['zero CPT units', Buffer.from('{"cpt_codes":[{"code":"99213","units":0}]}'), 'bad_payload: cpt_codes.0.units: must be a positive integer'],
    ['a patient id that is a name', Buffer.from('{"patient_id":"Jane Doe"}'), 'bad_payload: patient_id: must be a numeric id'],
    ['a session date that is not in the calendar', Buffer.from('{"session_date":"2026-02-30"}'), 'bad_payload: session_date: must be an ISO-8601 date'],
    ['a session date-time whose hour does not exist', Buffer.from('{"session_date":"2026-02-03T25:00:00Z"}'), 'bad_payload: session_date: must be an ISO-8601 date'],
    ['NUL in a code', Buffer.from('{"icd10_codes":[{"code":"E11\\u0000"}]}'), `bad_payload: icd10_codes.0.code: ${NOT_STORABLE}`],
    ['NUL in a CPT description', Buffer.from('{"cpt_codes":[{"code":"99213","description":"visit\\u0000"}]}'), `bad_payload: cpt_codes.0.description: ${NOT_STORABLE}`],
    ['NUL in a CPT modifier', Buffer.from('{"cpt_codes":[{"code":"99213","modifiers":["2\\u00005"]}]}'), `bad_payload: cpt_codes.0.modifiers.0: ${NOT_STORABLE}`],
    ['NUL in a medication mention', Buffer.from('{"medication_mentions":["met\\u0000formin"]}'), `bad_payload: medication_mentions.0: ${NOT_STORABLE}`],
    ['NUL deep in an object field', Buffer.from('{"billing_summary":{"lines":[{"note":"x\\u0000"}]}}'), `bad_payload: billing_summary: ${NOT_STORABLE}`],
    ['NUL in an object field’s key', Buffer.from('{"risk_assessment":{"le\\u0000vel":"low"}}'), `bad_payload: risk_assessment: ${NOT_STORABLE}`],
    ['an unpaired surrogate in an object field', Buffer.from('{"billing_summary":{"payer":"\\ud800"}}'), `bad_payload: billing_summary: ${NOT_STORABLE}`],
  ])('refuses %s, naming the rule but not the value', (_label, bytes, message) => {
    const m = messageOf(() => parseGridhookNote(bytes));
    expect(m).toBe(message);
    expect(m).not.toContain('Jane');
  });
});

describe('numbers sent as strings', () => {
  it('reads a quoted confidence and CPT units as numbers, kept whole where the field is whole', () => {
    const note = parse({
      icd10_codes: [{ code: 'E11.9', confidence: '0.9' }, { code: 'I10', confidence: ' 1 ' }],
      cpt_codes: [{ code: '99213', units: '2' }, { code: '99214', units: ' 3 ' }, { code: '99215', units: '1.0' }],
    });
    expect(note.icd10_codes.map((c) => c.confidence)).toEqual([0.9, 1]);
    expect(note.cpt_codes.map((c) => c.units)).toEqual([2, 3, 1]);
    expect(Number.isInteger(note.cpt_codes[0]?.units)).toBe(true);
  });

  it.each([
    ['an empty confidence', { icd10_codes: [{ code: 'E11', confidence: '' }] }, 'icd10_codes.0.confidence: must be a number'],
    ['a confidence that is a word', { icd10_codes: [{ code: 'E11', confidence: 'abc' }] }, 'icd10_codes.0.confidence: must be a number'],
    ['a NaN confidence', { icd10_codes: [{ code: 'E11', confidence: 'NaN' }] }, 'icd10_codes.0.confidence: must be a number'],
    ['an Infinity confidence', { icd10_codes: [{ code: 'E11', confidence: 'Infinity' }] }, 'icd10_codes.0.confidence: must be a number'],
    ['a confidence of 1e999', { icd10_codes: [{ code: 'E11', confidence: '1e999' }] }, 'icd10_codes.0.confidence: must be a number'],
    ['a quoted confidence above 1', { icd10_codes: [{ code: 'E11', confidence: '1.5' }] }, 'icd10_codes.0.confidence: must be between 0 and 1'],
    ['a boolean confidence', { icd10_codes: [{ code: 'E11', confidence: true }] }, 'icd10_codes.0.confidence: must be a number'],
    ['empty units', { cpt_codes: [{ code: '99213', units: '' }] }, 'cpt_codes.0.units: must be a positive integer'],
    ['units that are a word', { cpt_codes: [{ code: '99213', units: 'abc' }] }, 'cpt_codes.0.units: must be a positive integer'],
    ['NaN units', { cpt_codes: [{ code: '99213', units: 'NaN' }] }, 'cpt_codes.0.units: must be a positive integer'],
    ['units of 1e999', { cpt_codes: [{ code: '99213', units: '1e999' }] }, 'cpt_codes.0.units: must be a positive integer'],
    ['quoted fractional units', { cpt_codes: [{ code: '99213', units: '2.5' }] }, 'cpt_codes.0.units: must be a positive integer'],
    ['fractional units', { cpt_codes: [{ code: '99213', units: 2.5 }] }, 'cpt_codes.0.units: must be a positive integer'],
    ['quoted zero units', { cpt_codes: [{ code: '99213', units: '0' }] }, 'cpt_codes.0.units: must be a positive integer'],
  ])('refuses %s, naming the field and rule', (_label, value, problem) => {
    expect(messageOf(() => parse(value))).toBe(`bad_payload: ${problem}`);
  });
});

describe('free text holding NUL', () => {
  it('is kept with each NUL replaced by U+FFFD, since PostgreSQL text refuses NUL', () => {
    const note = parse({ transcript: 'a\u0000b', soap: { plan: '\u0000' } });
    expect(note).toMatchObject({ transcript: 'a\uFFFDb', soap: { plan: '\uFFFD', subjective: null } });
  });
});

describe('encryptedPayloadOf', () => {
  it('reads the ciphertext field', () => {
    expect(encryptedPayloadOf('{"encrypted_payload":"abc"}')).toBe('abc');
  });

  it.each([
    ['{', 'bad_payload: request body is not valid JSON'],
    ['{}', 'bad_payload: encrypted_payload: required'],
    ['{"encrypted_payload":5}', 'bad_payload: encrypted_payload: expected string'],
  ])('refuses %s', (body, message) => {
    expect(messageOf(() => encryptedPayloadOf(body))).toBe(message);
  });
});
