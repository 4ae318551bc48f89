import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/create-db.js';
import { openTestDb } from '../../test/support/test-db.js';
import { insuranceRow, newPractice, nextDrchronoId, patientRow, storedInsuranceSlots, wireInsuranceSlot } from '../ehr-store/ehr-fixtures.testkit.js';
import { upsertInsurances } from '../ehr-store/upsert-insurances.js';
import { upsertMirror } from '../ehr-store/upsert-mirror.js';
import { acquirePracticeLease } from './practice-lease.js';
import { writePatientRecords } from './write-patient-records.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

const slot = wireInsuranceSlot;
const noLists = { medications: [], problems: [], allergies: [] };
const listedAt = new Date();
const fetchedAt = { medications: listedAt, problems: listedAt, allergies: listedAt };

/** A run holding the practice's lease, as every sync run writing patient records does. */
async function leasedRun(practiceId: string) {
  const runId = randomUUID();
  await acquirePracticeLease(h.db, { practiceId, runId, holder: 'test-instance', ttlSeconds: 60 });
  return { practiceId, runId };
}

const storedSlots = (patient: string) => storedInsuranceSlots(h.db, patient);

describe('writePatientRecords: insurance', () => {
  it('keeps a stored slot whose verbose read is malformed, counts it invalid, and still applies the well-formed slots', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    await upsertInsurances(h.db, practice, patient, { rows: [insuranceRow(patient, 'primary', 'Acme'), insuranceRow(patient, 'secondary', 'Beta')], cleared: [], updatedAt: null });
    const verbose = { id: Number(patient), primary_insurance: { ...slot('Acme'), insurance_group_number: { code: 'G1' } }, secondary_insurance: null };
    const counts = await writePatientRecords(h.db, await leasedRun(practice), { patientId: patient, lists: noLists, fetchedAt, verbose }, { patientId: patient, touches: 0 });
    expect(counts.insurances).toMatchObject({ fetched: 1, invalid: 1, deleted: 1 });
    expect(await storedSlots(patient)).toEqual([['primary', 'Acme', 'live'], ['secondary', 'Beta', 'deleted']]);
    const invalid = await h.db.selectFrom('invalid_records').select(['external_id', 'reason']).where('practice_id', '=', practice).where('stream', '=', 'insurances').execute();
    expect(invalid).toEqual([{ external_id: `${patient}:primary_insurance`, reason: expect.stringMatching(/insurance_group_number/) as unknown }]);
  });

  it('keeps every stored slot when the verbose patient has no usable id', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    await upsertInsurances(h.db, practice, patient, { rows: [insuranceRow(patient, 'primary', 'Acme')], cleared: [], updatedAt: null });
    const counts = await writePatientRecords(h.db, await leasedRun(practice), { patientId: patient, lists: noLists, fetchedAt, verbose: { id: null, primary_insurance: null } }, { patientId: patient, touches: 0 });
    expect(counts.insurances).toMatchObject({ invalid: 1, deleted: 0 });
    expect(await storedSlots(patient)).toEqual([['primary', 'Acme', 'live']]);
  });
});

describe('writePatientRecords: insurance read order', () => {
  /** A verbose read of `patient` at DrChrono's `updatedAt`, naming `payer` as primary and no other slot. */
  const verboseAt = (patient: string, updatedAt: string, payer: string) => ({
    id: Number(patient), updated_at: updatedAt, primary_insurance: slot(payer), secondary_insurance: null, tertiary_insurance: null,
  });
  const write = (run: { practiceId: string; runId: string }, patient: string, verbose: unknown) =>
    writePatientRecords(h.db, run, { patientId: patient, lists: noLists, fetchedAt, verbose }, { patientId: patient, touches: 0 });

  it('leaves the slots alone when the verbose read is older than the stored patient, and writes a newer one', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    // A webhook stored the patient as of 10:02, and a read as of 10:02 its primary slot.
    await upsertMirror(h.db, practice, 'patients', [{ ...patientRow(patient), source_updated_at: new Date('2026-05-01T10:02:00Z') }]);
    const run = await leasedRun(practice);
    await write(run, patient, verboseAt(patient, '2026-05-01T10:02:00', 'Acme'));

    const older = await write(run, patient, verboseAt(patient, '2026-05-01T10:01:00', 'Beta'));
    expect(older.insurances).toMatchObject({ fetched: 1, created: 0, updated: 0, unchanged: 1, deleted: 0 });
    expect(await storedSlots(patient)).toEqual([['primary', 'Acme', 'live']]);

    const newer = await write(run, patient, verboseAt(patient, '2026-05-01T10:03:00', 'Gamma'));
    expect(newer.insurances).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await storedSlots(patient)).toEqual([['primary', 'Gamma', 'live']]);
  });

  it('writes the slots of a patient not stored yet', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    const counts = await write(await leasedRun(practice), patient, verboseAt(patient, '2026-05-01T10:01:00', 'Acme'));
    expect(counts.insurances).toMatchObject({ created: 1 });
    expect(await storedSlots(patient)).toEqual([['primary', 'Acme', 'live']]);
  });
});
