import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/create-db.js';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { appointmentRow, clinicalNoteRow } from '../ehr-store/ehr-fixtures.testkit.js';
import { upsertMirror } from '../ehr-store/upsert-mirror.js';
import { markDeleted } from '../ehr-store/mark-deleted.js';
import { linkNotesAfterDeletes } from './link-after-deletes.js';
import { linkDeepCuraNote, linkPendingDeepCuraNotes } from './link-deepcura-note.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

async function practice(): Promise<string> {
  const id = uniquePharmacyId('pr_l');
  await h.db.insertInto('practices').values({ id, name: 'Linker', base_url: 'http://127.0.0.1:1', token_secret_ref: 't', client_secret_ref: 'c' }).execute();
  return id;
}

async function clinicalNote(practiceId: string, n: { patient: string; date: string | null; appointment?: string }): Promise<string> {
  const row = await h.db
    .insertInto('clinical_notes')
    .values({
      drchrono_id: String(randomInt(1, 2 ** 47)),
      practice_id: practiceId,
      patient_drchrono_id: n.patient,
      appointment_drchrono_id: n.appointment ?? null,
      note_date: n.date,
      sections: '[]',
      raw: '{}',
      content_hash: 'h',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function deepCuraNote(n: { patient?: string; date?: string; appointment?: string }): Promise<string> {
  const eventId = randomUUID();
  await h.db
    .insertInto('sync_events')
    .values({ id: eventId, direction: 'inbound', source: 'deepcura', kind: 'gridhook', idempotency_key: eventId, correlation_id: 'c', status: 'applied', pharmacy_id: null })
    .execute();
  const row = await h.db
    .insertInto('deepcura_notes')
    .values({
      sync_event_id: eventId,
      drchrono_patient_id: n.patient ?? null,
      session_date: n.date ?? null,
      drchrono_appointment_id: n.appointment ?? null,
      icd10_codes: '[]',
      cpt_codes: '[]',
      medication_mentions: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function appointment(practiceId: string, a: { id: string; patient: string; time: string; deleted?: boolean }): Promise<void> {
  await h.db
    .insertInto('appointments')
    .values({
      drchrono_id: a.id,
      practice_id: practiceId,
      patient_drchrono_id: a.patient,
      scheduled_time: a.time,
      icd10_codes: '[]',
      raw: '{}',
      content_hash: 'h',
      deleted_at: a.deleted ? new Date() : null,
    })
    .execute();
}

const note = (id: string) => h.db.selectFrom('deepcura_notes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const patientId = () => String(randomInt(1, 2 ** 40));

describe('linkDeepCuraNote', () => {
  it('prefers the appointment over patient and date', async () => {
    const p = await practice();
    const patient = patientId();
    const byAppointment = await clinicalNote(p, { patient, date: '2026-01-02', appointment: `A${patient}` });
    const id = await deepCuraNote({ patient, date: '2026-01-02', appointment: `A${patient}` });
    expect(await linkDeepCuraNote(h.db, id)).toEqual({ clinicalNoteId: byAppointment, method: 'appointment' });
    expect(await note(id)).toMatchObject({ clinical_note_id: byAppointment, practice_id: p, link_method: 'appointment' });
  });

  it('leaves a note unlinked when two clinical notes share its patient and date', async () => {
    const p = await practice();
    const patient = patientId();
    await clinicalNote(p, { patient, date: '2026-01-03' });
    await clinicalNote(p, { patient, date: '2026-01-03' });
    const id = await deepCuraNote({ patient, date: '2026-01-03' });
    expect(await linkDeepCuraNote(h.db, id)).toBeNull();
    expect(await note(id)).toMatchObject({ clinical_note_id: null, link_method: null });
  });

  it('does not link to a soft-deleted clinical note', async () => {
    const p = await practice();
    const patient = patientId();
    const cn = await clinicalNote(p, { patient, date: '2026-01-04' });
    await h.db.updateTable('clinical_notes').set({ deleted_at: new Date() }).where('id', '=', cn).execute();
    expect(await linkDeepCuraNote(h.db, await deepCuraNote({ patient, date: '2026-01-04' }))).toBeNull();
  });
});

describe('a day with two visits', () => {
  // Clinical notes arrive when locked, so the afternoon's may not be stored yet: the appointments tell of it.
  async function morningAndAfternoon(p: string, patient: string, day: string, opts: { afternoonDeleted?: boolean } = {}) {
    await appointment(p, { id: `AM-${patient}`, patient, time: `${day}T09:00:00Z` });
    await appointment(p, { id: `PM-${patient}`, patient, time: `${day}T16:00:00Z`, deleted: opts.afternoonDeleted ?? false });
    return clinicalNote(p, { patient, date: day, appointment: `AM-${patient}` });
  }

  it('leaves a note naming no appointment unlinked at gridhook time though one clinical note is stored', async () => {
    const p = await practice();
    const patient = patientId();
    await morningAndAfternoon(p, patient, '2026-01-11');
    expect(await linkDeepCuraNote(h.db, await deepCuraNote({ patient, date: '2026-01-11' }))).toBeNull();
  });

  it('leaves a waiting note unlinked when the first of the two clinical notes arrives', async () => {
    const p = await practice();
    const patient = patientId();
    const id = await deepCuraNote({ patient, date: '2026-01-12' });
    const am = await morningAndAfternoon(p, patient, '2026-01-12');
    expect(await linkPendingDeepCuraNotes(h.db, { clinicalNoteIds: [am] })).toBe(0);
    expect(await note(id)).toMatchObject({ clinical_note_id: null });
  });

  it('counts only live appointments: a deleted second visit does not block the link', async () => {
    const p = await practice();
    const patient = patientId();
    const am = await morningAndAfternoon(p, patient, '2026-01-13', { afternoonDeleted: true });
    expect(await linkDeepCuraNote(h.db, await deepCuraNote({ patient, date: '2026-01-13' }))).toEqual({ clinicalNoteId: am, method: 'patient_date' });
  });
});

describe('a delete that leaves one visit that day', () => {
  it('links the waiting note once the second appointment is deleted', async () => {
    const p = await practice();
    const patient = patientId();
    await appointment(p, { id: `AM-${patient}`, patient, time: '2026-01-21T09:00:00Z' });
    await appointment(p, { id: `PM-${patient}`, patient, time: '2026-01-21T16:00:00Z' });
    const am = await clinicalNote(p, { patient, date: '2026-01-21', appointment: `AM-${patient}` });
    const id = await deepCuraNote({ patient, date: '2026-01-21' });
    expect(await linkDeepCuraNote(h.db, id)).toBeNull();

    await markDeleted(h.db, 'appointments', [`PM-${patient}`]);
    expect(await linkNotesAfterDeletes(h.db, 'appointments', [`PM-${patient}`])).toBe(1);
    expect(await note(id)).toMatchObject({ clinical_note_id: am, link_method: 'patient_date', practice_id: p });
  });

  it('links the waiting note once the second clinical note of the day is deleted', async () => {
    const p = await practice();
    const patient = patientId();
    await appointment(p, { id: `V-${patient}`, patient, time: '2026-01-22T09:00:00Z' });
    const kept = await clinicalNote(p, { patient, date: '2026-01-22', appointment: `V-${patient}` });
    const extra = await clinicalNote(p, { patient, date: '2026-01-22' });
    const id = await deepCuraNote({ patient, date: '2026-01-22' });
    expect(await linkDeepCuraNote(h.db, id)).toBeNull();

    const extraDrchrono = (await h.db.selectFrom('clinical_notes').select('drchrono_id').where('id', '=', extra).executeTakeFirstOrThrow()).drchrono_id;
    await markDeleted(h.db, 'clinical_notes', [extraDrchrono]);
    expect(await linkNotesAfterDeletes(h.db, 'clinical_notes', [extraDrchrono])).toBe(1);
    expect(await note(id)).toMatchObject({ clinical_note_id: kept, link_method: 'patient_date' });
  });

  it('leaves notes of other days and of days still holding two visits alone', async () => {
    const p = await practice();
    const patient = patientId();
    for (const [tag, time] of [['A', '09'], ['B', '12'], ['C', '16']] as const) await appointment(p, { id: `${tag}-${patient}`, patient, time: `2026-01-23T${time}:00:00Z` });
    await appointment(p, { id: `D-${patient}`, patient, time: '2026-01-24T09:00:00Z' });
    await clinicalNote(p, { patient, date: '2026-01-23', appointment: `A-${patient}` });
    const sameDay = await deepCuraNote({ patient, date: '2026-01-23' });
    const otherDay = await deepCuraNote({ patient, date: '2026-01-25' });

    await markDeleted(h.db, 'appointments', [`C-${patient}`]);
    expect(await linkNotesAfterDeletes(h.db, 'appointments', [`C-${patient}`])).toBe(0);
    expect(await note(sameDay)).toMatchObject({ clinical_note_id: null });
    expect(await note(otherDay)).toMatchObject({ clinical_note_id: null });
  });
});

describe('a note naming an appointment', () => {
  // Only A1 is mirrored yet: A2's appointment and clinical note arrive later, and A1's note must not take A2's Deep Cura note.
  async function visitA1(p: string, patient: string, day: string) {
    await appointment(p, { id: `A1-${patient}`, patient, time: `${day}T09:00:00Z` });
    return clinicalNote(p, { patient, date: day, appointment: `A1-${patient}` });
  }

  it('is not linked by date to another appointment’s clinical note at gridhook time', async () => {
    const p = await practice();
    const patient = patientId();
    await visitA1(p, patient, '2026-01-08');
    const id = await deepCuraNote({ patient, date: '2026-01-08', appointment: `A2-${patient}` });
    expect(await linkDeepCuraNote(h.db, id)).toBeNull();
    const a2 = await clinicalNote(p, { patient, date: '2026-01-08', appointment: `A2-${patient}` });
    expect(await linkPendingDeepCuraNotes(h.db, { clinicalNoteIds: [a2] })).toBe(1);
    expect(await note(id)).toMatchObject({ clinical_note_id: a2, link_method: 'appointment' });
  });

  it('is not linked by date to another appointment’s clinical note when that one arrives later', async () => {
    const p = await practice();
    const patient = patientId();
    const id = await deepCuraNote({ patient, date: '2026-01-09', appointment: `A2-${patient}` });
    const a1 = await visitA1(p, patient, '2026-01-09');
    expect(await linkPendingDeepCuraNotes(h.db, { clinicalNoteIds: [a1] })).toBe(0);
    expect(await note(id)).toMatchObject({ clinical_note_id: null });
  });

  it('is still linked by date to a clinical note that has no appointment', async () => {
    const p = await practice();
    const patient = patientId();
    await appointment(p, { id: `A2-${patient}`, patient, time: '2026-01-10T09:00:00Z' });
    const undated = await deepCuraNote({ patient, date: '2026-01-10', appointment: `A2-${patient}` });
    const cn = await clinicalNote(p, { patient, date: '2026-01-10' });
    expect(await linkPendingDeepCuraNotes(h.db, { clinicalNoteIds: [cn] })).toBe(1);
    expect(await note(undated)).toMatchObject({ clinical_note_id: cn, link_method: 'patient_date' });
  });
});

describe('linkPendingDeepCuraNotes', () => {
  it('links every waiting note of a batch of clinical notes, by each method, and counts them', async () => {
    const p = await practice();
    const [a, b] = [patientId(), patientId()];
    const waitingByAppt = await deepCuraNote({ appointment: `B${a}` });
    const waitingByDate = await deepCuraNote({ patient: b, date: '2026-01-05' });
    const unrelated = await deepCuraNote({ patient: b, date: '2026-01-06' });
    const cn1 = await clinicalNote(p, { patient: a, date: null, appointment: `B${a}` });
    await appointment(p, { id: `B${b}`, patient: b, time: '2026-01-05T10:00:00Z' });
    const cn2 = await clinicalNote(p, { patient: b, date: '2026-01-05', appointment: `B${b}` });
    const at = new Date('2026-01-07T00:00:00Z');
    expect(await linkPendingDeepCuraNotes(h.db, { clinicalNoteIds: [cn1, cn2], at })).toBe(2);
    expect(await note(waitingByAppt)).toMatchObject({ clinical_note_id: cn1, link_method: 'appointment', linked_at: at });
    expect(await note(waitingByDate)).toMatchObject({ clinical_note_id: cn2, link_method: 'patient_date', practice_id: p });
    expect(await note(unrelated)).toMatchObject({ clinical_note_id: null });
    expect(await linkPendingDeepCuraNotes(h.db, { clinicalNoteIds: [cn1, cn2] })).toBe(0);
  });

  it('does nothing for an empty batch', async () => {
    expect(await linkPendingDeepCuraNotes(h.db, { clinicalNoteIds: [] })).toBe(0);
  });
});

describe('a rescheduled visit', () => {
  it('keeps the links made on the old date, and links waiting notes of the new date', async () => {
    const p = await practice();
    const patient = patientId();
    const appt = `R${patient}`;
    await upsertMirror(h.db, p, 'appointments', [appointmentRow(appt, patient, '2026-05-04T10:00:00.000Z')]);
    const { changed } = await upsertMirror(h.db, p, 'clinical_notes', [clinicalNoteRow(String(randomInt(1, 2 ** 47)), patient, appt)]);
    const cn = changed[0]?.id ?? '';
    const onOldDate = await deepCuraNote({ patient, date: '2026-05-04' });
    expect(await linkDeepCuraNote(h.db, onOldDate)).toEqual({ clinicalNoteId: cn, method: 'patient_date' });
    const onNewDate = await deepCuraNote({ patient, date: '2026-05-06' });
    expect(await linkDeepCuraNote(h.db, onNewDate)).toBeNull();

    const moved = await upsertMirror(h.db, p, 'appointments', [appointmentRow(appt, patient, '2026-05-06T10:00:00.000Z')]);
    expect(moved.notesDated).toHaveLength(1);
    expect(await linkPendingDeepCuraNotes(h.db, { clinicalNoteIds: [cn] })).toBe(1);
    expect(await note(onNewDate)).toMatchObject({ clinical_note_id: cn, link_method: 'patient_date' });
    expect(await note(onOldDate)).toMatchObject({ clinical_note_id: cn, link_method: 'patient_date' });
  });
});
