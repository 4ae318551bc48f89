import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/create-db.js';
import { openTestDb } from '../../test/support/test-db.js';
import { insuranceRow, newPractice, nextDrchronoId } from '../ehr-store/ehr-fixtures.testkit.js';
import { upsertInsurances } from '../ehr-store/upsert-insurances.js';
import { acquirePracticeLease } from './practice-lease.js';
import { writePatientRecords } from './write-patient-records.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

const slot = (company: string) => ({
  insurance_company: company, insurance_payer_id: '60054', insurance_plan_name: 'PPO', insurance_id_number: 'M1', insurance_group_number: 'G9',
});
const noLists = { medications: [], problems: [], allergies: [] };
const listedAt = new Date();
const fetchedAt = { medications: listedAt, problems: listedAt, allergies: listedAt };

/** A run holding the practice's lease, as every sync run writing patient records does. */
async function leasedRun(practiceId: string) {
  const runId = randomUUID();
  await acquirePracticeLease(h.db, { practiceId, runId, holder: 'test-instance', ttlSeconds: 60 });
  return { practiceId, runId };
}

async function storedSlots(patient: string) {
  const rows = await h.db.selectFrom('insurances').select(['slot', 'payer_name', 'deleted_at']).where('patient_drchrono_id', '=', patient).orderBy('slot').execute();
  return rows.map((r) => [r.slot, r.payer_name, r.deleted_at === null ? 'live' : 'deleted']);
}

describe('writePatientRecords: insurance', () => {
  it('keeps a stored slot whose verbose read is malformed, counts it invalid, and still applies the well-formed slots', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    await upsertInsurances(h.db, practice, patient, { rows: [insuranceRow(patient, 'primary', 'Acme'), insuranceRow(patient, 'secondary', 'Beta')], cleared: [] });
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
    await upsertInsurances(h.db, practice, patient, { rows: [insuranceRow(patient, 'primary', 'Acme')], cleared: [] });
    const counts = await writePatientRecords(h.db, await leasedRun(practice), { patientId: patient, lists: noLists, fetchedAt, verbose: { id: null, primary_insurance: null } }, { patientId: patient, touches: 0 });
    expect(counts.insurances).toMatchObject({ invalid: 1, deleted: 0 });
    expect(await storedSlots(patient)).toEqual([['primary', 'Acme', 'live']]);
  });
});
