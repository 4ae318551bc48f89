import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDrChronoSandbox } from './index.js';
import type { DrChronoSandbox } from './index.js';
import { startReceiver } from './webhook-receiver.testkit.js';
import type { Receiver } from './webhook-receiver.testkit.js';

const SECRET = 'whsec-0123456789abcdef';
let sb: DrChronoSandbox;
let rx: Receiver;

beforeAll(async () => {
  sb = await startDrChronoSandbox();
  sb.addPractice({ id: 'hooks', seed: 5, doctors: 2, offices: 1, patients: 3 });
  rx = await startReceiver(SECRET);
});
afterAll(async () => {
  await sb.close();
  await rx.close();
});
beforeEach(() => {
  rx.received.length = 0;
  rx.status = 200;
  rx.lie = false;
  sb.setWebhook({ url: rx.url, secretToken: SECRET, signatureMode: 'hmac' });
});

const hmac = (body: string): string => createHmac('sha256', SECRET).update(body).digest('hex');

describe('webhooks', () => {
  it('does nothing for mutations before a webhook is configured', async () => {
    const quiet = await startDrChronoSandbox();
    try {
      quiet.addPractice({ id: 'q', seed: 1, doctors: 1, offices: 1, patients: 1 }).createPatient();
      await quiet.flushWebhooks();
      expect(quiet.deliveries()).toEqual([]);
      expect(() => quiet.fireEvent('TASK_CREATE', {})).toThrow(/no webhook/);
    } finally {
      await quiet.close();
    }
  });

  it('signs deliveries with a hex HMAC-SHA256 of the raw body in hmac mode', async () => {
    const patient = sb.practice('hooks').createPatient();
    await sb.flushWebhooks();
    const [got] = rx.received;
    expect(got?.headers['x-drchrono-event']).toBe('PATIENT_CREATE');
    expect(got?.headers['x-drchrono-signature']).toBe(hmac(got?.body ?? ''));
    expect(got?.headers['x-drchrono-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(got?.body ?? '{}')).toEqual({ receiver: expect.any(Object) as unknown, object: patient });
  });

  it('sends the secret token itself in secret mode', async () => {
    sb.setWebhook({ url: rx.url, secretToken: SECRET, signatureMode: 'secret' });
    sb.practice('hooks').modifyPatient(sb.practice('hooks').data.patients[0]?.id as number);
    await sb.flushWebhooks();
    expect(rx.received[0]?.headers['x-drchrono-signature']).toBe(SECRET);
    expect(rx.received[0]?.headers['x-drchrono-event']).toBe('PATIENT_MODIFY');
  });

  it('fires the contract event of every mutation, and none for chart removals', async () => {
    const p = sb.practice('hooks');
    const patient = p.data.patients[0]?.id as number;
    const appt = p.createAppointment(patient);
    p.modifyAppointment(appt.id);
    const note = p.createClinicalNote(appt.id);
    p.lockNote(note.id);
    p.unlockNote(note.id);
    const med = p.createMedication(patient);
    p.modifyMedication(med.id);
    p.removeMedication(med.id);
    const problem = p.createProblem(patient);
    p.modifyProblem(problem.id);
    p.removeProblem(problem.id);
    const allergy = p.createAllergy(patient);
    p.modifyAllergy(allergy.id);
    p.removeAllergy(allergy.id);
    const item = p.createLineItem(appt.id);
    p.modifyLineItem(item.id);
    p.deleteLineItem(item.id);
    p.deleteAppointment(appt.id);
    await sb.flushWebhooks();
    const events = rx.received.map((r) => r.headers['x-drchrono-event']).sort();
    expect(events).toEqual(
      [
        'APPOINTMENT_CREATE',
        'APPOINTMENT_MODIFY',
        'CLINICAL_NOTE_LOCK',
        'CLINICAL_NOTE_UNLOCK',
        'PATIENT_MEDICATION_CREATE',
        'PATIENT_MEDICATION_MODIFY',
        'PATIENT_PROBLEM_CREATE',
        'PATIENT_PROBLEM_MODIFY',
        'PATIENT_ALLERGY_CREATE',
        'PATIENT_ALLERGY_MODIFY',
        'LINE_ITEM_CREATE',
        'LINE_ITEM_MODIFY',
        'LINE_ITEM_DELETE',
        'APPOINTMENT_DELETE',
      ].sort(),
    );
    const deleted = rx.received.find((r) => r.headers['x-drchrono-event'] === 'APPOINTMENT_DELETE');
    expect(JSON.parse(deleted?.body ?? '{}')).toMatchObject({ object: { id: appt.id, deleted_flag: true, office: appt.office } });
  });

  it('passes the verification handshake only when the receiver answers the right HMAC', async () => {
    expect(await sb.verifyWebhook()).toBe(true);
    rx.lie = true;
    expect(await sb.verifyWebhook()).toBe(false);
  });

  it('redelivers a failed delivery with the same id, headers and body', async () => {
    rx.status = 500;
    const id = sb.fireEvent('TASK_CREATE', { id: 99, doctor: sb.practice('hooks').data.doctors[0]?.id });
    await sb.flushWebhooks();
    rx.status = 200;
    const again = await sb.redeliver(id);
    expect(again).toMatchObject({ deliveryId: id, attempt: 2, status: 200 });
    expect(rx.received).toHaveLength(2);
    expect(rx.received[1]?.headers['x-drchrono-delivery']).toBe(id);
    expect(rx.received[1]?.body).toBe(rx.received[0]?.body);
    expect(rx.received[1]?.headers['x-drchrono-signature']).toBe(rx.received[0]?.headers['x-drchrono-signature']);
    expect(sb.deliveries().filter((d) => d.deliveryId === id).map((d) => d.status)).toEqual([500, 200]);
  });

  it('sends PING and arbitrary events, and records an unreachable receiver as an error', async () => {
    const ping = await sb.sendPing();
    expect(ping).toMatchObject({ event: 'PING', status: 200 });
    expect(rx.received[0]?.headers['x-drchrono-event']).toBe('PING');
    sb.setWebhook({ url: 'http://127.0.0.1:9/nowhere', secretToken: SECRET });
    sb.fireEvent('SOMETHING_NEW', {});
    await sb.flushWebhooks();
    expect(sb.deliveries().at(-1)).toMatchObject({ event: 'SOMETHING_NEW', error: expect.any(String) as unknown });
  });
});
