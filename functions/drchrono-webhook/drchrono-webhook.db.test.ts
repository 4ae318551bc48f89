import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDrChronoDelivery } from '../../shared/drchrono-webhooks/index.js';
import type { ClaimedEvent } from '../../shared/retry-queue/claim-due.js';
import { startClinicFixture, type ClinicFixture } from './clinic-fixture.testkit.js';
import './index.js';

let f: ClinicFixture;
let practiceId: string;
let practice: Awaited<ReturnType<ClinicFixture['connect']>>['practice'];

beforeAll(async () => {
  f = await startClinicFixture(['drchronoWebhook']);
  ({ practiceId, practice } = await f.connect({ patients: 2 }));
  f.useWebhook('hmac');
});

afterAll(async () => {
  await f.close();
});

const db = () => f.t.rt.db;
const url = () => `${f.served.drchronoWebhook?.url}/drchrono-webhook`;

/** Waits for the sandbox's deliveries and returns the newest one. */
async function delivered() {
  await f.sandbox.flushWebhooks();
  const last = f.sandbox.deliveries().at(-1);
  if (!last) throw new Error('no delivery');
  return last;
}

async function eventOf(deliveryId: string) {
  return db().selectFrom('sync_events').selectAll().where('source', '=', 'drchrono').where('idempotency_key', '=', deliveryId).executeTakeFirst();
}

async function row(table: 'patients' | 'appointments' | 'clinical_notes' | 'medications' | 'problems' | 'allergies' | 'line_items', drchronoId: string | number) {
  return db().selectFrom(table).selectAll().where('drchrono_id', '=', String(drchronoId)).executeTakeFirst();
}

async function actors(table: string, drchronoId: string | number): Promise<string[]> {
  const rows = await db().selectFrom('change_log').select('actor').where('table_name', '=', table).where('drchrono_id', '=', String(drchronoId)).execute();
  return [...new Set(rows.map((r) => r.actor))];
}

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url(), { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

describe('verification handshake', () => {
  it('answers the sandbox handshake with the HMAC of msg', async () => {
    expect(await f.sandbox.verifyWebhook()).toBe(true);
    const res = await fetch(`${url()}?msg=hello`);
    expect(await res.json()).toEqual({ secret_token: createHmac('sha256', f.webhookSecret).update('hello').digest('hex') });
  });

  it('answers 400 when msg is missing', async () => {
    const res = await fetch(url());
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_query');
  });
});

describe('signatures', () => {
  it('accepts the HMAC form and records that it matched', async () => {
    f.useWebhook('hmac');
    const patient = practice.createPatient();
    const d = await delivered();
    expect(d.status).toBe(200);
    expect(await eventOf(d.deliveryId)).toMatchObject({ signature_form: 'hmac_sha256', status: 'applied', practice_id: practiceId, kind: 'PATIENT_CREATE' });
    expect(await row('patients', patient.id)).toMatchObject({ practice_id: practiceId });
  });

  it('accepts the secret-token form and records that it matched', async () => {
    f.useWebhook('secret');
    const patient = practice.modifyPatient(practice.data.patients[0]?.id ?? 0);
    const d = await delivered();
    f.useWebhook('hmac');
    expect(d.status).toBe(200);
    expect(await eventOf(d.deliveryId)).toMatchObject({ signature_form: 'secret_token', status: 'applied' });
    expect(await row('patients', patient.id)).toBeDefined();
  });

  it('refuses a wrong signature with 401 and stores nothing', async () => {
    f.useWebhook('hmac', 'not-the-secret');
    const patient = practice.createPatient();
    const d = await delivered();
    f.useWebhook('hmac');
    expect(d.status).toBe(401);
    expect(await eventOf(d.deliveryId)).toBeUndefined();
    expect(await row('patients', patient.id)).toBeUndefined();
  });

  it('refuses a missing signature with 401 and stores nothing', async () => {
    const res = await post(JSON.stringify({ receiver: {}, object: { id: 1 } }), { 'x-drchrono-event': 'PATIENT_CREATE', 'x-drchrono-delivery': 'no-sig-1' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_signature');
    expect(await eventOf('no-sig-1')).toBeUndefined();
  });
});

describe('deliveries', () => {
  it('recognises a redelivery and changes nothing', async () => {
    const patient = practice.createPatient();
    const d = await delivered();
    const auditBefore = await db().selectFrom('change_log').select('id').where('drchrono_id', '=', String(patient.id)).execute();
    const again = await f.sandbox.redeliver(d.deliveryId);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body ?? '{}')).toBeDefined();
    const events = await db().selectFrom('sync_events').select('id').where('idempotency_key', '=', d.deliveryId).execute();
    expect(events).toHaveLength(1);
    const auditAfter = await db().selectFrom('change_log').select('id').where('drchrono_id', '=', String(patient.id)).execute();
    expect(auditAfter).toHaveLength(auditBefore.length);
  });

  it('answers a redelivery with duplicate: true', async () => {
    const body = JSON.stringify({ receiver: {}, object: { id: 1 } });
    const headers = { 'x-drchrono-event': 'TASK_CREATE', 'x-drchrono-delivery': `dup-${practiceId}`, 'x-drchrono-signature': f.webhookSecret };
    expect((await post(body, headers)).status).toBe(200);
    const second = await post(body, headers);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ duplicate: true, status: 'ignored' });
  });

  it('keys a delivery without a delivery id by the sha256 of its body', async () => {
    const body = JSON.stringify({ receiver: {}, object: { id: Date.now() } });
    const res = await post(body, { 'x-drchrono-event': 'TASK_MODIFY', 'x-drchrono-signature': f.webhookSecret });
    expect(res.status).toBe(200);
    const { eventId } = (await res.json()) as { eventId: string };
    const stored = await db().selectFrom('sync_events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    expect(stored.idempotency_source).toBe('body_sha256');
    expect(stored.idempotency_key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('answers PING with 200 and stores it as ignored', async () => {
    const d = await f.sandbox.sendPing();
    expect(d.status).toBe(200);
    expect(await eventOf(d.deliveryId)).toMatchObject({ status: 'ignored', kind: 'PING' });
  });

  it('stores an event it does not mirror as ignored, with 200', async () => {
    const id = f.sandbox.fireEvent('VACCINE_ADMINISTERED', { id: 5, patient: practice.data.patients[0]?.id });
    await f.sandbox.flushWebhooks();
    const d = f.sandbox.deliveries().find((x) => x.deliveryId === id);
    expect(d?.status).toBe(200);
    expect(await eventOf(id)).toMatchObject({ status: 'ignored', last_error: 'event_not_mirrored' });
  });

  it('keeps a delivery no practice routes to as unroutable, with 202', async () => {
    const id = f.sandbox.fireEvent('PATIENT_CREATE', { id: 987_654_321_001, doctor: 987_654_321 });
    await f.sandbox.flushWebhooks();
    expect(f.sandbox.deliveries().find((x) => x.deliveryId === id)?.status).toBe(202);
    expect(await eventOf(id)).toMatchObject({ status: 'unroutable', practice_id: null });
    const syncEventId = (await eventOf(id))?.id ?? '';
    const log = await db().selectFrom('integration_logs').selectAll()
      .where(sql<boolean>`details @> ${JSON.stringify({ syncEventId })}::jsonb`).executeTakeFirst();
    expect(log).toMatchObject({ source: 'drchrono', kind: 'webhook', status: 'failed', stream: 'patients' });
  });
});

describe('failures', () => {
  it('puts a delivery whose re-fetch fails in the retry queue, and the retry handler applies it later', async () => {
    f.sandbox.setFaults({ failNext: [{ path: '/api/patients/:id', status: 503, times: 20 }] });
    const patient = practice.createPatient();
    const d = await delivered();
    f.sandbox.setFaults({});
    expect(d.status).toBe(202);
    const failed = await eventOf(d.deliveryId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, practice_id: practiceId });
    expect(failed?.next_attempt_at).toBeInstanceOf(Date);
    expect(failed?.last_error).toMatch(/DrChrono failed on \/api\/patients\//);
    expect(await row('patients', patient.id)).toBeUndefined();

    if (!failed) throw new Error('no event');
    const outcome = await retryDrChronoDelivery(f.t.rt)({ ...failed, locked_until: new Date(), prior_status: 'failed' } satisfies ClaimedEvent);
    expect(outcome).toBe('applied');
    expect(await row('patients', patient.id)).toMatchObject({ practice_id: practiceId });
    expect(await actors('patients', patient.id)).toEqual(['drchrono_webhook']);
  });

  it('retries a note whose patient and appointment are not stored yet, and applies it once they are', async () => {
    f.sandbox.setWebhook({ url: url(), secretToken: f.webhookSecret, events: [] });
    const patient = practice.createPatient();
    const appt = practice.createAppointment(patient.id);
    const note = practice.createClinicalNote(appt.id);
    f.useWebhook('hmac');
    const id = f.sandbox.fireEvent('CLINICAL_NOTE_LOCK', { id: note.id, patient: patient.id, appointment: appt.id });
    await f.sandbox.flushWebhooks();
    expect(f.sandbox.deliveries().find((x) => x.deliveryId === id)?.status).toBe(202);
    const waiting = await eventOf(id);
    expect(waiting).toMatchObject({ status: 'failed', practice_id: null });
    expect(waiting?.last_error).toMatch(/^not routable yet/);
    expect(waiting?.next_attempt_at).toBeInstanceOf(Date);

    practice.modifyPatient(patient.id);
    await f.sandbox.flushWebhooks();
    if (!waiting) throw new Error('not stored');
    expect(await retryDrChronoDelivery(f.t.rt)({ ...waiting, locked_until: new Date(), prior_status: 'failed' })).toBe('applied');
    expect(await row('clinical_notes', note.id)).toMatchObject({ practice_id: practiceId });
  });

  it('dead-letters a still unroutable delivery when it is retried', async () => {
    const id = f.sandbox.fireEvent('APPOINTMENT_CREATE', { id: '987654321002', doctor: 987_654_322 });
    await f.sandbox.flushWebhooks();
    const stored = await eventOf(id);
    if (!stored) throw new Error('not stored');
    await expect(retryDrChronoDelivery(f.t.rt)({ ...stored, locked_until: new Date(), prior_status: 'unroutable' })).rejects.toMatchObject({ code: 'unroutable_delivery', kind: 'permanent' });
  });

  it('keeps a signed body that is not JSON as a dead event and answers 400', async () => {
    const body = '{"object": {';
    const signature = createHmac('sha256', f.webhookSecret).update(body).digest('hex');
    const res = await post(body, { 'content-type': 'text/plain', 'x-drchrono-event': 'PATIENT_MODIFY', 'x-drchrono-delivery': `bad-json-${practiceId}`, 'x-drchrono-signature': signature });
    expect(res.status).toBe(400);
    expect(await eventOf(`bad-json-${practiceId}`)).toMatchObject({ status: 'dead', raw_body: body, last_error: 'bad_payload: body is not valid JSON' });
  });

  it('keeps deliveries whose JSON PostgreSQL cannot hold as jsonb (\\u0000), ignored or processed', async () => {
    const ignored = JSON.stringify({ receiver: {}, object: { id: 1, title: 'a\u0000b' } });
    expect(ignored).toContain('\\u0000');
    const res = await post(ignored, { 'x-drchrono-event': 'TASK_CREATE', 'x-drchrono-delivery': `nul-task-${practiceId}`, 'x-drchrono-signature': f.webhookSecret });
    expect(res.status).toBe(200);
    expect(await eventOf(`nul-task-${practiceId}`)).toMatchObject({ status: 'ignored', payload: null, raw_body: ignored });

    // A mirrored event is processed from the body it arrived with, and a retry re-reads the raw body.
    const patient = practice.createPatient();
    const body = JSON.stringify({ receiver: {}, object: { id: patient.id, doctor: practice.data.doctors[0]?.id, chart_id: 'x\u0000y' } });
    const sent = await post(body, { 'x-drchrono-event': 'PATIENT_MODIFY', 'x-drchrono-delivery': `nul-patient-${practiceId}`, 'x-drchrono-signature': f.webhookSecret });
    expect(sent.status).toBe(200);
    const stored = await eventOf(`nul-patient-${practiceId}`);
    expect(stored).toMatchObject({ status: 'applied', payload: null, raw_body: body });
    expect(await row('patients', patient.id)).toMatchObject({ practice_id: practiceId });
    if (!stored) throw new Error('not stored');
    await expect(retryDrChronoDelivery(f.t.rt)({ ...stored, locked_until: new Date(), prior_status: 'failed' })).resolves.toBe('applied');
  });

  it('keeps a signed body holding a NUL byte (not JSON) as a dead event and answers 400', async () => {
    const body = '{"object": "a\0b"}';
    const signature = createHmac('sha256', f.webhookSecret).update(body).digest('hex');
    const res = await post(body, { 'content-type': 'text/plain', 'x-drchrono-event': 'PATIENT_MODIFY', 'x-drchrono-delivery': `nul-byte-${practiceId}`, 'x-drchrono-signature': signature });
    expect(res.status).toBe(400);
    expect(await eventOf(`nul-byte-${practiceId}`)).toMatchObject({ status: 'dead', raw_body: '{"object": "a\uFFFDb"}' });
  });
});
