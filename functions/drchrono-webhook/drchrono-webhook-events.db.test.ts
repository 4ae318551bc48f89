// Every contract event, fired by the DrChrono sandbox over HTTP at the served function.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPractice } from '../../local/drchrono-sandbox/index.js';
import { startClinicFixture, type ClinicFixture } from './clinic-fixture.testkit.js';
import './index.js';

type Table = 'patients' | 'appointments' | 'clinical_notes' | 'medications' | 'problems' | 'allergies' | 'line_items';

let f: ClinicFixture;
let practiceId: string;
let practice: SandboxPractice;
let patientId: number;

beforeAll(async () => {
  f = await startClinicFixture(['drchronoWebhook']);
  ({ practiceId, practice } = await f.connect({ patients: 2 }));
  f.useWebhook('hmac');
  patientId = practice.data.patients[0]?.id ?? 0;
});

afterAll(async () => {
  await f.close();
});

const db = () => f.t.rt.db;

/** Waits for the sandbox, checks the newest delivery was answered 200 and applied, returns its event row. */
async function applied(event: string) {
  await f.sandbox.flushWebhooks();
  const d = f.sandbox.deliveries().at(-1);
  expect(d?.event).toBe(event);
  expect(d?.status).toBe(200);
  const stored = await db().selectFrom('sync_events').selectAll().where('idempotency_key', '=', d?.deliveryId ?? '').executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ status: 'applied', kind: event, practice_id: practiceId });
  return stored;
}

async function row(table: Table, id: string | number) {
  return db().selectFrom(table).selectAll().where('drchrono_id', '=', String(id)).executeTakeFirst();
}

async function audit(table: string, id: string | number) {
  return db().selectFrom('change_log').select(['operation', 'actor']).where('table_name', '=', table).where('drchrono_id', '=', String(id)).orderBy('id').execute();
}

describe('patients', () => {
  it('PATIENT_CREATE stores the patient and its insurance from a verbose read, audited as drchrono_webhook', async () => {
    let created = practice.createPatient();
    for (let i = 0; i < 20 && !practice.data.insurance[created.id]?.primary_insurance; i++) {
      await f.sandbox.flushWebhooks();
      created = practice.createPatient();
    }
    const event = await applied('PATIENT_CREATE');
    expect(await row('patients', created.id)).toMatchObject({ practice_id: practiceId, chart_id: created.chart_id });
    const slots = await db().selectFrom('insurances').select(['slot', 'payer_id']).where('patient_drchrono_id', '=', String(created.id)).execute();
    expect(slots).toContainEqual({ slot: 'primary', payer_id: practice.data.insurance[created.id]?.primary_insurance?.insurance_payer_id });
    expect(await audit('patients', created.id)).toEqual([{ operation: 'insert', actor: 'drchrono_webhook' }]);
    const log = await db().selectFrom('integration_logs').selectAll().where(sql<boolean>`details @> ${JSON.stringify({ syncEventId: event.id })}::jsonb`).executeTakeFirst();
    expect(log).toMatchObject({ source: 'drchrono', kind: 'webhook', practice_id: practiceId, stream: 'patients', status: 'succeeded', created: 1 });
    const live = await db().selectFrom('outbox').select('payload').where('topic', '=', 'live-updates').where(sql<boolean>`payload ->> 'practiceId' = ${practiceId}`).execute();
    expect(live.map((l) => l.payload)).toContainEqual(expect.objectContaining({ type: 'ehr.webhook.applied', practiceId, table: 'patients', operation: 'insert' }));
    expect(JSON.stringify(live)).not.toContain(created.last_name);
  });

  it('PATIENT_MODIFY updates the stored patient', async () => {
    const modified = practice.modifyPatient(patientId);
    await applied('PATIENT_MODIFY');
    expect(await row('patients', patientId)).toMatchObject({ practice_id: practiceId, first_name: modified.first_name, last_name: modified.last_name });
  });
});

describe('appointments', () => {
  it('APPOINTMENT_CREATE and APPOINTMENT_MODIFY store and update it', async () => {
    const appt = practice.createAppointment(patientId);
    await applied('APPOINTMENT_CREATE');
    expect(await row('appointments', appt.id)).toMatchObject({ patient_drchrono_id: String(patientId), deleted_at: null });
    const changed = practice.modifyAppointment(appt.id);
    await applied('APPOINTMENT_MODIFY');
    expect(await row('appointments', appt.id)).toMatchObject({ status: changed.status, reason: changed.reason });
    const trail = await audit('appointments', appt.id);
    expect(trail[0]).toEqual({ operation: 'insert', actor: 'drchrono_webhook' });
    expect(trail.every((a) => a.actor === 'drchrono_webhook')).toBe(true);
  });

  it('APPOINTMENT_DELETE with deleted_flag on re-fetch soft-deletes it', async () => {
    const appt = practice.createAppointment(patientId);
    await applied('APPOINTMENT_CREATE');
    practice.deleteAppointment(appt.id);
    await applied('APPOINTMENT_DELETE');
    expect((await row('appointments', appt.id))?.deleted_at).toBeInstanceOf(Date);
    expect(await audit('appointments', appt.id)).toContainEqual({ operation: 'delete', actor: 'drchrono_webhook' });
  });

  it('APPOINTMENT_DELETE answered 404 on re-fetch soft-deletes it', async () => {
    const goneId = `9${Date.now()}`;
    await sql`insert into appointments (drchrono_id, practice_id, raw, content_hash) values (${goneId}, ${practiceId}, '{}', 'x')`.execute(db());
    const doctor = practice.data.doctors[0]?.id;
    f.sandbox.fireEvent('APPOINTMENT_DELETE', { id: goneId, doctor, patient: patientId });
    await applied('APPOINTMENT_DELETE');
    expect((await row('appointments', goneId))?.deleted_at).toBeInstanceOf(Date);
  });
});

describe('clinical notes', () => {
  it('CLINICAL_NOTE_LOCK and CLINICAL_NOTE_UNLOCK store the note and its lock state', async () => {
    const appt = practice.createAppointment(patientId);
    await applied('APPOINTMENT_CREATE');
    const note = practice.createClinicalNote(appt.id);
    practice.lockNote(note.id);
    await applied('CLINICAL_NOTE_LOCK');
    expect(await row('clinical_notes', note.id)).toMatchObject({ locked: true, appointment_drchrono_id: appt.id, note_date: appt.scheduled_time.slice(0, 10) });
    practice.unlockNote(note.id);
    await applied('CLINICAL_NOTE_UNLOCK');
    expect(await row('clinical_notes', note.id)).toMatchObject({ locked: false });
  });
});

describe('a Deep Cura note waiting on a day with two visits', () => {
  it('is linked by patient and date once APPOINTMENT_DELETE removes the second visit', async () => {
    const day = '2026-06-17';
    const morning = practice.createAppointment(patientId, { scheduledTime: new Date(`${day}T09:00:00Z`) });
    await applied('APPOINTMENT_CREATE');
    const afternoon = practice.createAppointment(patientId, { scheduledTime: new Date(`${day}T15:00:00Z`) });
    await applied('APPOINTMENT_CREATE');
    const clinical = practice.createClinicalNote(morning.id);
    practice.lockNote(clinical.id);
    await applied('CLINICAL_NOTE_LOCK');
    // A note naming no appointment cannot pick between the two visits: it waits.
    const eventId = crypto.randomUUID();
    await db().insertInto('sync_events').values({ id: eventId, direction: 'inbound', source: 'deepcura', kind: 'gridhook', idempotency_key: eventId, correlation_id: 'c', status: 'applied', pharmacy_id: null }).execute();
    const waiting = await db()
      .insertInto('deepcura_notes')
      .values({ sync_event_id: eventId, drchrono_patient_id: String(patientId), session_date: day, icd10_codes: '[]', cpt_codes: '[]', medication_mentions: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();

    practice.deleteAppointment(afternoon.id);
    await applied('APPOINTMENT_DELETE');
    const linked = await db().selectFrom('deepcura_notes').select(['clinical_note_id', 'link_method', 'practice_id']).where('id', '=', waiting.id).executeTakeFirstOrThrow();
    const ours = await row('clinical_notes', clinical.id);
    expect(linked).toEqual({ clinical_note_id: ours?.id, link_method: 'patient_date', practice_id: practiceId });
  });
});

describe('patient records and line items', () => {
  it.each([
    ['medications', 'PATIENT_MEDICATION', (p: SandboxPractice, pid: number) => p.createMedication(pid).id, (p: SandboxPractice, id: number) => p.modifyMedication(id)],
    ['problems', 'PATIENT_PROBLEM', (p: SandboxPractice, pid: number) => p.createProblem(pid).id, (p: SandboxPractice, id: number) => p.modifyProblem(id)],
    ['allergies', 'PATIENT_ALLERGY', (p: SandboxPractice, pid: number) => p.createAllergy(pid).id, (p: SandboxPractice, id: number) => p.modifyAllergy(id)],
  ] as const)('%s: _CREATE stores and _MODIFY updates', async (table, prefix, create, modify) => {
    const id = create(practice, patientId);
    await applied(`${prefix}_CREATE`);
    const first = await row(table, id);
    expect(first).toMatchObject({ practice_id: practiceId, patient_drchrono_id: String(patientId) });
    const modified = modify(practice, id);
    await applied(`${prefix}_MODIFY`);
    // The stored object is the re-fetched one (the sandbox's change may, by chance, change nothing).
    expect((await row(table, id))?.raw).toEqual(JSON.parse(JSON.stringify(modified)));
    const trail = await audit(table, id);
    expect(trail[0]).toEqual({ operation: 'insert', actor: 'drchrono_webhook' });
    expect(trail.every((a) => a.actor === 'drchrono_webhook')).toBe(true);
  });

  it('LINE_ITEM_CREATE, LINE_ITEM_MODIFY and LINE_ITEM_DELETE store, update and soft-delete it', async () => {
    const appt = practice.createAppointment(patientId);
    await applied('APPOINTMENT_CREATE');
    const item = practice.createLineItem(appt.id);
    await applied('LINE_ITEM_CREATE');
    const first = await row('line_items', item.id);
    expect(first).toMatchObject({ appointment_drchrono_id: appt.id, deleted_at: null });
    const paid = practice.modifyLineItem(item.id);
    await applied('LINE_ITEM_MODIFY');
    // The sandbox's change pays the item off, which may already be its state: compare with what it holds now.
    expect(await row('line_items', item.id)).toMatchObject({ paid_total: Number(paid.paid_total), balance_total: Number(paid.balance_total) });
    practice.deleteLineItem(item.id);
    await applied('LINE_ITEM_DELETE');
    expect((await row('line_items', item.id))?.deleted_at).toBeInstanceOf(Date);
    const trail = (await audit('line_items', item.id)).map((a) => `${a.operation}:${a.actor}`);
    expect(trail[0]).toBe('insert:drchrono_webhook');
    expect(trail.at(-1)).toBe('delete:drchrono_webhook');
    expect(trail.every((a) => a.endsWith(':drchrono_webhook'))).toBe(true);
  });
});

describe('the per-patient queue', () => {
  it('queues the patient a delivery names in the delivery’s own transaction, so no later scan can miss it', async () => {
    await db().deleteFrom('practice_pending_patients').where('practice_id', '=', practiceId).execute();
    practice.createProblem(patientId);
    await applied('PATIENT_PROBLEM_CREATE');
    const queued = await db().selectFrom('practice_pending_patients').select(['patient_drchrono_id', 'reason']).where('practice_id', '=', practiceId).execute();
    expect(queued).toEqual([{ patient_drchrono_id: String(patientId), reason: 'webhook' }]);
  });
});
