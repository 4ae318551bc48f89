// The clinic side of `npm start`, run against the in-process stack: a DrChrono sandbox practice
// connected over OAuth, synced, changed through webhooks, and a Deep Cura gridhook on top.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClinicDemo, type ClinicDemoResult } from '../../local/start/clinic-demo.js';
import { startClinicSandbox, type ClinicSandbox } from '../../local/start/clinic-sandbox.js';
import { DEEPCURA_SECRET_NAME } from '../../shared/deepcura/deepcura-secret.js';
import { DRCHRONO_WEBHOOK_SECRET_NAME } from '../../shared/drchrono-webhooks/webhook-signature.js';
import { startTestStack, type TestStack } from '../support/local-stack.js';
import { uniquePharmacyId } from '../support/test-db.js';

const practiceId = uniquePharmacyId('pr_e2e_clinic');
let stack: TestStack;
let clinic: ClinicSandbox;
let result: ClinicDemoResult;
const lines: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  // No idBase: a random one, as this run's database is shared with other test files.
  clinic = await startClinicSandbox({
    epoch: new Date(),
    practice: { id: practiceId, name: 'E2E Clinic', seed: 5, doctors: 2, offices: 2, patients: 12 },
  });
  result = await runClinicDemo(stack.runtime, clinic, { devServerUrl: stack.url, say: (l) => lines.push(l) });
});
afterAll(async () => {
  await clinic?.sandbox.close();
  await stack?.close();
});

const db = () => stack.runtime.db;

describe('the clinic demo of npm start', () => {
  it('verifies the webhook and connects the practice, keeping its tokens out of the tables', async () => {
    expect(result.webhookVerified).toBe(true);
    expect(result.connected).toMatchObject({ practiceId, created: true, doctors: 2, offices: 2 });
    const row = await db().selectFrom('practices').selectAll().where('id', '=', practiceId).executeTakeFirstOrThrow();
    expect(row.base_url).toBe(clinic.sandbox.url);
    expect(JSON.stringify(row)).not.toContain(clinic.sandbox.oauth.clientSecret);
    expect(await stack.runtime.secrets.get(DRCHRONO_WEBHOOK_SECRET_NAME)).toBeTruthy();
    expect(await stack.runtime.secrets.get(DEEPCURA_SECRET_NAME)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stores every one of the sandbox's generated patients and appointments in the first sync", async () => {
    expect(result.sync.status).toBe('succeeded');
    const remote = clinic.practice.data;
    // The mirror was counted before the webhook demo added its patient and visit.
    expect(result.mirror.patients).toBe(remote.patients.length - 1);
    expect(result.mirror.appointments).toBe(remote.appointments.filter((a) => !a.deleted_flag).length - 1);
    expect(result.mirror.patients).toBe(12);
    const stored = await db().selectFrom('patients').select('drchrono_id').where('practice_id', '=', practiceId).execute();
    expect(stored.map((p) => String(p.drchrono_id)).sort()).toEqual(remote.patients.map((p) => String(p.id)).sort());
    expect(lines.some((l) => l.startsWith(`${practiceId}: 12 patients, `) && l.includes('(DrChrono)'))).toBe(true);
  });

  it('applies the webhooks for the new patient, appointment, locked note and medication to the practice', async () => {
    const w = result.webhooks;
    expect(w.statuses).toHaveLength(4);
    expect(w.statuses.every((s) => s === 200)).toBe(true);
    expect(w.events.map((e) => e.kind)).toEqual(['PATIENT_CREATE', 'APPOINTMENT_CREATE', 'CLINICAL_NOTE_LOCK', 'PATIENT_MEDICATION_CREATE']);
    expect(w.applied).toBe(4);
    const appt = await db().selectFrom('appointments').select('id').where('practice_id', '=', practiceId).where('drchrono_id', '=', w.appointmentId).execute();
    expect(appt).toHaveLength(1);
    const note = await db().selectFrom('clinical_notes').select('id').where('practice_id', '=', practiceId).where('drchrono_id', '=', String(w.clinicalNoteId)).execute();
    expect(note).toHaveLength(1);
  });

  it("stores the gridhook's note and links it to the visit's clinical note by appointment", async () => {
    const g = result.gridhook;
    expect(g.status).toBe(200);
    expect(g.noteId).not.toBeNull();
    const row = await db().selectFrom('deepcura_notes').selectAll().where('id', '=', g.noteId ?? '0').executeTakeFirstOrThrow();
    expect(row.practice_id).toBe(practiceId);
    expect(row.drchrono_appointment_id).toBe(result.webhooks.appointmentId);
    expect(row.link_method).toBe('appointment');
    const note = await db().selectFrom('clinical_notes').select('drchrono_id').where('id', '=', row.clinical_note_id ?? '0').executeTakeFirstOrThrow();
    expect(String(note.drchrono_id)).toBe(String(result.webhooks.clinicalNoteId));
    expect(lines.at(-1)).toMatch(/stored as Deep Cura note \d+, linked to clinical note \d+ \(by appointment\)/);
  });

  it('reconnects the same practice on a second run without creating it again, and stores a second gridhook', async () => {
    const again = await runClinicDemo(stack.runtime, clinic, { devServerUrl: stack.url, say: () => undefined });
    expect(again.connected.created).toBe(false);
    expect(again.webhooks.applied).toBe(4);
    expect(again.gridhook.clinicalNoteId).not.toBeNull();
    const notes = await db().selectFrom('deepcura_notes').select('id').where('practice_id', '=', practiceId).execute();
    expect(notes).toHaveLength(2);
  });
});

describe('the clinic sandbox', () => {
  it('generates the same DrChrono ids and records from a fixed id base and epoch', async () => {
    const epoch = new Date('2026-01-15T12:00:00Z');
    const practice = { id: 'pr_same', name: 'Same', seed: 9, doctors: 1, offices: 1, patients: 3 };
    const a = await startClinicSandbox({ epoch, idBase: 7, practice });
    const b = await startClinicSandbox({ epoch, idBase: 7, practice });
    try {
      expect(b.practice.data.patients).toEqual(a.practice.data.patients);
      expect(b.practice.data.appointments).toEqual(a.practice.data.appointments);
    } finally {
      await a.sandbox.close();
      await b.sandbox.close();
    }
  });

  it('refuses a practice id the sandbox cannot take, closing what it started', async () => {
    await expect(startClinicSandbox({ epoch: new Date(), practice: { id: 'bad id!', name: 'x', seed: 1, doctors: 1, offices: 1, patients: 1 } })).rejects.toThrow(/id/);
  });
});
