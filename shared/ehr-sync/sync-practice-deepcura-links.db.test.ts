// Deep Cura notes waiting for their clinical note, linked by a reconciliation run (the linking rules: shared/deepcura).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandboxPractice, startEhrSyncHarness, type EhrSyncHarness } from './ehr-sync.testkit.js';
import { syncPractice } from './sync-practice.js';

let h: EhrSyncHarness;
beforeAll(async () => {
  h = await startEhrSyncHarness();
});
afterAll(() => h.close());

const HOUR = 3_600_000;
const db = () => h.t.rt.db;

describe('syncPractice and waiting Deep Cura notes', () => {
  it('links a Deep Cura note that was waiting for its clinical note when the note arrives by sync', async () => {
    const p = await connectSandboxPractice(h, { patients: 2, pageSize: 5 });
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    const patient = p.remote.data.patients[0];
    if (!patient) throw new Error('no patient');
    const apt = p.remote.createAppointment(patient.id);
    const eventId = randomUUID();
    await db().insertInto('sync_events').values({
      id: eventId, direction: 'inbound', source: 'deepcura', kind: 'gridhook', idempotency_key: randomUUID(), correlation_id: 'test', payload: null, status: 'applied',
    }).execute();
    const dc = await db().insertInto('deepcura_notes').values({ sync_event_id: eventId, drchrono_appointment_id: apt.id, drchrono_patient_id: String(patient.id), icd10_codes: '[]', cpt_codes: '[]', medication_mentions: '[]' }).returning('id').executeTakeFirstOrThrow();
    const note = p.remote.createClinicalNote(apt.id);
    await syncPractice(p.deps, { practiceId: p.id, kind: 'manual', full: false });
    const linked = await db().selectFrom('deepcura_notes as d').innerJoin('clinical_notes as c', 'c.id', 'd.clinical_note_id').select(['c.drchrono_id', 'd.link_method']).where('d.id', '=', dc.id).executeTakeFirst();
    expect(linked).toEqual({ drchrono_id: String(note.id), link_method: 'appointment' });
  });

  it('links a Deep Cura note left waiting by a day with two visits once sync sees the second one deleted', async () => {
    const p = await connectSandboxPractice(h, { patients: 2, pageSize: 5 });
    const patient = p.remote.data.patients[0];
    if (!patient) throw new Error('no patient');
    const day = '2026-02-24';
    const morning = p.remote.createAppointment(patient.id, { scheduledTime: new Date(`${day}T09:00:00Z`) });
    const afternoon = p.remote.createAppointment(patient.id, { scheduledTime: new Date(`${day}T15:00:00Z`) });
    const note = p.remote.createClinicalNote(morning.id);
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    const eventId = randomUUID();
    await db().insertInto('sync_events').values({
      id: eventId, direction: 'inbound', source: 'deepcura', kind: 'gridhook', idempotency_key: randomUUID(), correlation_id: 'test', payload: null, status: 'applied',
    }).execute();
    const dc = await db().insertInto('deepcura_notes').values({ sync_event_id: eventId, drchrono_patient_id: String(patient.id), session_date: day, icd10_codes: '[]', cpt_codes: '[]', medication_mentions: '[]' }).returning('id').executeTakeFirstOrThrow();
    h.clock.advance(HOUR);
    p.remote.deleteAppointment(afternoon.id);
    await syncPractice(p.deps, { practiceId: p.id, kind: 'scheduled', full: false });
    const linked = await db().selectFrom('deepcura_notes as d').innerJoin('clinical_notes as c', 'c.id', 'd.clinical_note_id').select(['c.drchrono_id', 'd.link_method']).where('d.id', '=', dc.id).executeTakeFirst();
    expect(linked).toEqual({ drchrono_id: String(note.id), link_method: 'patient_date' });
  });
});
