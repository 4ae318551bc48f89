import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/create-db.js';
import { openTestDb } from '../../test/support/test-db.js';
import { newPractice, nextDrchronoId } from '../ehr-store/ehr-fixtures.testkit.js';
import { listPendingPatients, queuePatients, unqueuePatient } from './pending-patients.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

describe('the pending-patient queue', () => {
  it('keeps a patient queued again (by a webhook) while a run was fetching it, and takes it off once fetched after that', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    await queuePatients(h.db, practice, [patient], 'sync');
    const [seen] = await listPendingPatients(h.db, practice);
    if (!seen) throw new Error('not queued');
    // A delivery for the patient commits between the run's listing (its fetch) and its write.
    await queuePatients(h.db, practice, [patient], 'webhook');
    expect(await unqueuePatient(h.db, practice, seen)).toBe(false);
    const [again] = await listPendingPatients(h.db, practice);
    expect(again?.patientId).toBe(patient);
    expect(await unqueuePatient(h.db, practice, again!)).toBe(true);
    expect(await listPendingPatients(h.db, practice)).toEqual([]);
  });

  it('lists each queued patient once, oldest first', async () => {
    const practice = await newPractice(h.db);
    const [a, b] = [nextDrchronoId(), nextDrchronoId()];
    await queuePatients(h.db, practice, [a, a], 'sync');
    await queuePatients(h.db, practice, [b, a], 'webhook');
    expect((await listPendingPatients(h.db, practice)).map((p) => p.patientId)).toEqual([a, b]);
  });
});
