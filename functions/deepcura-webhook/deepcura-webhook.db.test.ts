// Deep Cura gridhooks over HTTP, encrypted by the sandbox's sender (an implementation independent of ours).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeepCuraNote, encryptGridhookBytes, encryptGridhookPayload, type SandboxPractice } from '../../local/drchrono-sandbox/index.js';
import { DEEPCURA_SECRET_NAME } from '../../shared/deepcura/deepcura-secret.js';
import { retryDeepCuraDelivery } from '../../shared/deepcura/index.js';
import type { ClinicFixture } from '../drchrono-webhook/clinic-fixture.testkit.js';
import { CRYPTO, SECRET, startGridhookFixture, type GridhookFixture } from './gridhook-fixture.testkit.js';
import '../drchrono-webhook/index.js';
import './index.js';

let g: GridhookFixture;
let f: ClinicFixture;
let practiceId: string;
let practice: SandboxPractice;

beforeAll(async () => {
  g = await startGridhookFixture();
  ({ f, practiceId, practice } = g);
});

afterAll(async () => {
  await f.close();
});

const db = () => f.t.rt.db;
const postGridhook = (encrypted: string, headerSecret?: string) => g.postGridhook(encrypted, headerSecret);
const eventByKey = (key: string) => g.eventByKey(key);
const noteOf = (eventId: string) => g.noteOf(eventId);


async function mirroredVisit(opts: { withNote?: boolean; day?: string } = {}) {
  // One event at a time, as DrChrono spaces them: a note's delivery routes through its stored patient.
  const patient = practice.createPatient();
  await f.sandbox.flushWebhooks();
  const appt = practice.createAppointment(patient.id, { scheduledTime: new Date(`${opts.day ?? '2026-02-03'}T15:00:00Z`) });
  await f.sandbox.flushWebhooks();
  const note = opts.withNote === false ? undefined : practice.createClinicalNote(appt.id);
  if (note) practice.lockNote(note.id);
  await f.sandbox.flushWebhooks();
  return { patient, appt, note };
}

async function clinicalNoteId(drchronoId: number): Promise<string | undefined> {
  return (await db().selectFrom('clinical_notes').select('id').where('drchrono_id', '=', String(drchronoId)).executeTakeFirst())?.id;
}

describe('authentication and storage', () => {
  it('refuses a wrong shared secret with 401 and stores nothing', async () => {
    const sent = await postGridhook(encryptGridhookPayload({ transcript: 'x' }, CRYPTO), 'wrong-secret');
    expect(sent.status).toBe(401);
    expect(await eventByKey(sent.key)).toBeUndefined();
  });

  it('recognises the same gridhook sent twice and stores one note', async () => {
    const encrypted = encryptGridhookPayload({ transcript: 'twice' }, CRYPTO);
    const first = await postGridhook(encrypted);
    expect(first.status).toBe(200);
    const again = await postGridhook(encrypted);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ duplicate: true, status: 'applied' });
    const stored = await eventByKey(first.key);
    expect(await db().selectFrom('deepcura_notes').select('id').where('sync_event_id', '=', stored?.id ?? '').execute()).toHaveLength(1);
  });
});

describe('payloads that cannot be read are kept, failed and dead-lettered', () => {
  it('corrupt ciphertext → 422 decrypt_failed, the raw request kept', async () => {
    const good = Buffer.from(encryptGridhookPayload({ transcript: 'x'.repeat(100) }, CRYPTO), 'base64');
    good[good.length - 1] = (good[good.length - 1] ?? 0) ^ 0xff;
    good[good.length - 20] = (good[good.length - 20] ?? 0) ^ 0xff;
    const sent = await postGridhook(good.toString('base64'));
    expect(sent.status).toBe(422);
    expect(sent.json).toMatchObject({ error: { code: expect.stringMatching(/^(decrypt_failed|bad_payload)$/) as unknown, stored: true, status: 'dead' } });
    const stored = await eventByKey(sent.key);
    expect(stored).toMatchObject({ status: 'dead', kind: 'gridhook' });
    expect(stored?.raw_body).toContain(good.toString('base64'));
    expect(stored?.last_error).toMatch(/^(decrypt_failed|bad_payload): /);
  });

  it('text that is not ciphertext at all → 422 naming decrypt_failed', async () => {
    const sent = await postGridhook('definitely not base64 !!!');
    expect(sent.status).toBe(422);
    expect(sent.json).toMatchObject({ error: { code: 'decrypt_failed', message: 'decrypt_failed: encrypted_payload is not base64' } });
    expect(await eventByKey(sent.key)).toMatchObject({ status: 'dead', last_error: 'decrypt_failed: encrypted_payload is not base64' });
  });

  it('valid ciphertext holding bad JSON → 422 bad_payload, kept', async () => {
    const sent = await postGridhook(encryptGridhookBytes(Buffer.from('{"transcript": "cut off'), CRYPTO));
    expect(sent.status).toBe(422);
    expect(await eventByKey(sent.key)).toMatchObject({ status: 'dead', last_error: 'bad_payload: decrypted payload is not valid JSON' });
  });

  it('valid JSON that breaks the schema → 422 naming the field and rule, not the value', async () => {
    const sent = await postGridhook(encryptGridhookPayload({ patient_id: 'Jane Roe', transcript: 'x' }, CRYPTO));
    expect(sent.status).toBe(422);
    const stored = await eventByKey(sent.key);
    expect(stored).toMatchObject({ status: 'dead', last_error: 'bad_payload: patient_id: must be a numeric id' });
    expect(JSON.stringify(sent.json)).not.toContain('Jane');
  });

  it.each([
    ['a session date not in the calendar', { session_date: '2026-02-30' }, 'bad_payload: session_date: must be an ISO-8601 date'],
    ['NUL in a code', { icd10_codes: [{ code: 'E11\u0000' }] }, 'bad_payload: icd10_codes.0.code: must not hold the NUL character (\\u0000) or an unpaired surrogate'],
    ['NUL in an object field', { billing_summary: { note: '\u0000' } }, 'bad_payload: billing_summary: must not hold the NUL character (\\u0000) or an unpaired surrogate'],
    ['CPT units that are not a number', { cpt_codes: [{ code: '99213', units: 'two' }] }, 'bad_payload: cpt_codes.0.units: must be a positive integer'],
    ['an empty confidence', { icd10_codes: [{ code: 'E11', confidence: '' }] }, 'bad_payload: icd10_codes.0.confidence: must be a number'],
  ])('%s → 422 bad_payload naming the field, kept and dead-lettered at once (PostgreSQL would refuse it)', async (_label, plaintext, message) => {
    const sent = await postGridhook(encryptGridhookPayload({ ...plaintext, transcript: 'x' }, CRYPTO));
    expect(sent.status).toBe(422);
    expect(sent.json).toMatchObject({ error: { code: 'bad_payload', message, stored: true, status: 'dead' } });
    expect(await eventByKey(sent.key)).toMatchObject({ status: 'dead', last_error: message });
  });

  it('NUL in free text is stored as U+FFFD and the note applied', async () => {
    const sent = await postGridhook(encryptGridhookPayload({ transcript: 'before\u0000after', soap: { plan: 'p\u0000' } }, CRYPTO));
    expect(sent.status).toBe(200);
    const stored = await eventByKey(sent.key);
    expect(await noteOf(stored?.id ?? '')).toMatchObject({ transcript: 'before\uFFFDafter', soap_plan: 'p\uFFFD' });
  });

  it('numbers sent as strings are applied and stored as numbers', async () => {
    const sent = await postGridhook(encryptGridhookPayload({
      transcript: 'quoted numbers',
      icd10_codes: [{ code: 'E11.9', confidence: '0.9' }],
      cpt_codes: [{ code: '99213', units: ' 2 ' }],
    }, CRYPTO));
    expect(sent.status).toBe(200);
    expect(await noteOf(String(sent.json.eventId))).toMatchObject({
      icd10_codes: [{ code: 'E11.9', confidence: 0.9, description: null }],
      cpt_codes: [{ code: '99213', units: 2, description: null, modifiers: [] }],
    });
  });

  it('a dead gridhook replayed after the crypto settings are fixed is applied', async () => {
    const sent = await postGridhook(encryptGridhookPayload({ transcript: 'replayed' }, { ...CRYPTO, keyDerivation: 'sha256', iv: 'zero' }));
    expect(sent.status).toBe(422);
    const stored = await eventByKey(sent.key);
    if (!stored) throw new Error('not stored');
    const fixed = { ...f.t.rt, config: { ...f.t.rt.config, DEEPCURA_KEY_DERIVATION: 'sha256' as const, DEEPCURA_IV: 'zero' as const } };
    expect(await retryDeepCuraDelivery(fixed)({ ...stored, locked_until: new Date(), prior_status: 'dead' })).toBe('applied');
    expect(await noteOf(stored.id)).toMatchObject({ transcript: 'replayed' });
  });
});

describe('linking to DrChrono clinical notes', () => {
  it('links by appointment id, stores every section, and audits the insert as deepcura', async () => {
    const { appt, note } = await mirroredVisit();
    const plaintext = buildDeepCuraNote(practice, { appointmentId: appt.id });
    const sent = await postGridhook(encryptGridhookPayload(plaintext, CRYPTO));
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ status: 'applied', linked: 'appointment' });
    const stored = await noteOf(String(sent.json.eventId));
    expect(stored).toMatchObject({
      practice_id: practiceId,
      clinical_note_id: await clinicalNoteId(note?.id ?? 0),
      link_method: 'appointment',
      drchrono_appointment_id: appt.id,
      session_date: plaintext.session_date,
      transcript: plaintext.transcript,
      soap_plan: plaintext.soap.plan,
      icd10_codes: plaintext.icd10_codes,
      cpt_codes: plaintext.cpt_codes.map((c) => ({ ...c, modifiers: [] })),
      medication_mentions: plaintext.medication_mentions,
      billing_summary: plaintext.billing_summary,
      risk_assessment: plaintext.risk_assessment,
    });
    expect(stored?.linked_at).toBeInstanceOf(Date);
    const audit = await db().selectFrom('change_log').select(['operation', 'actor']).where('table_name', '=', 'deepcura_notes').where('row_id', '=', stored?.id ?? '').orderBy('id').execute();
    expect(audit[0]).toEqual({ operation: 'insert', actor: 'deepcura' });
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['deepcura']));
  });

  it('links by patient and date when the note names no appointment', async () => {
    const { patient, note } = await mirroredVisit({ day: '2026-02-10' });
    const plaintext = buildDeepCuraNote(practice, { patientId: patient.id, sessionDate: '2026-02-10' });
    expect(plaintext.appointment_id).toBeNull();
    const sent = await postGridhook(encryptGridhookPayload(plaintext, CRYPTO));
    expect(sent.json).toMatchObject({ status: 'applied', linked: 'patient_date' });
    expect(await noteOf(String(sent.json.eventId))).toMatchObject({ clinical_note_id: await clinicalNoteId(note?.id ?? 0), link_method: 'patient_date' });
  });

  it('leaves a note unlinked, lists it for admins, and links it when its clinical note arrives by webhook', async () => {
    const { appt } = await mirroredVisit({ withNote: false });
    const sent = await postGridhook(encryptGridhookPayload(buildDeepCuraNote(practice, { appointmentId: appt.id }), CRYPTO));
    expect(sent.json).toMatchObject({ status: 'applied', linked: null });
    const waiting = await noteOf(String(sent.json.eventId));
    expect(waiting).toMatchObject({ clinical_note_id: null, practice_id: practiceId });

    const note = practice.createClinicalNote(appt.id);
    practice.lockNote(note.id);
    await f.sandbox.flushWebhooks();
    expect(await noteOf(String(sent.json.eventId))).toMatchObject({ clinical_note_id: await clinicalNoteId(note.id), link_method: 'appointment' });
  });

  it('links a patient-and-date note when the appointment arriving after its clinical note dates that note', async () => {
    const patient = practice.createPatient();
    await f.sandbox.flushWebhooks();
    const sent = await postGridhook(encryptGridhookPayload(buildDeepCuraNote(practice, { patientId: patient.id, sessionDate: '2026-03-04' }), CRYPTO));
    expect(sent.json).toMatchObject({ linked: null });
    // The appointment's own event is not subscribed yet: the note arrives undated.
    f.sandbox.setWebhook({ url: `${f.served.drchronoWebhook?.url}/drchrono-webhook`, secretToken: f.webhookSecret, events: ['CLINICAL_NOTE_LOCK'] });
    const appt = practice.createAppointment(patient.id, { scheduledTime: new Date('2026-03-04T09:00:00Z') });
    const note = practice.createClinicalNote(appt.id);
    practice.lockNote(note.id);
    await f.sandbox.flushWebhooks();
    f.useWebhook('hmac');
    expect(await db().selectFrom('clinical_notes').select('note_date').where('drchrono_id', '=', String(note.id)).executeTakeFirst()).toEqual({ note_date: null });
    expect(await noteOf(String(sent.json.eventId))).toMatchObject({ clinical_note_id: null });
    practice.modifyAppointment(appt.id);
    await f.sandbox.flushWebhooks();
    expect(await noteOf(String(sent.json.eventId))).toMatchObject({ clinical_note_id: await clinicalNoteId(note.id), link_method: 'patient_date' });
  });
});

describe('crypto settings over HTTP', () => {
  it.each([
    { keyDerivation: 'sha256', iv: 'zero', encoding: 'hex', secret: SECRET },
    { keyDerivation: 'raw-hex', iv: 'prefix', encoding: 'hex', secret: 'ab'.repeat(32) },
    { keyDerivation: 'raw-base64', iv: 'zero', encoding: 'base64', secret: Buffer.alloc(32, 7).toString('base64') },
  ] as const)('DEEPCURA_KEY_DERIVATION=$keyDerivation, DEEPCURA_IV=$iv, DEEPCURA_ENCODING=$encoding decrypts', async (c) => {
    const { createTestRuntime } = await import('../../shared/runtime/test-runtime.testkit.js');
    const { setRuntimeForTests } = await import('../../shared/runtime/lazy-runtime.js');
    const other = await createTestRuntime({ DEEPCURA_KEY_DERIVATION: c.keyDerivation, DEEPCURA_IV: c.iv, DEEPCURA_ENCODING: c.encoding });
    await other.rt.secrets.put(DEEPCURA_SECRET_NAME, c.secret);
    setRuntimeForTests(other.rt);
    try {
      const sent = await postGridhook(encryptGridhookPayload({ transcript: c.keyDerivation }, { ...c }), c.secret);
      expect(sent.status).toBe(200);
      expect(await noteOf(String(sent.json.eventId))).toMatchObject({ transcript: c.keyDerivation });
    } finally {
      setRuntimeForTests(f.t.rt);
      await other.close();
    }
  });
});
