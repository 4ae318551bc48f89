// A PATIENT_* delivery's insurance slots are as new as its patient read: an older re-fetch that commits later writes neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/test-db.js';
import type { DbHandle } from '../db/create-db.js';
import { mapInsurances } from '../drchrono/map-insurances.js';
import { mapMirror } from '../drchrono/map-mirror.js';
import { newPractice, nextDrchronoId, storedInsuranceSlots, wireInsuranceSlot } from '../ehr-store/ehr-fixtures.testkit.js';
import type { MirrorChangePlan } from './resolve-change.js';
import { writeMirrorChange } from './write-mirror-change.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

const slot = wireInsuranceSlot;

/** What resolveChange makes of a verbose re-fetch of the patient: DrChrono's updated_at is `updatedAt`, the primary payer `payer`. */
function verboseRead(patient: string, updatedAt: string, payer: string): MirrorChangePlan {
  const wire = {
    id: Number(patient), chart_id: 'CH-1', first_name: 'Ada', last_name: 'Lovelace', date_of_birth: '1980-02-29', gender: 'Female',
    email: '', cell_phone: '555-0100', home_phone: null, address: '1 Main St', city: 'Fresno', state: 'CA', zip_code: '93650',
    doctor: 7, patient_status: 'A', default_pharmacy: '1234567', updated_at: updatedAt,
    primary_insurance: slot(payer), secondary_insurance: null, tertiary_insurance: null,
  };
  const mapped = mapMirror('patients', wire);
  if (!mapped.ok) throw new Error(mapped.reason);
  return { type: 'upsert', row: mapped.row, insurances: mapInsurances(wire), fetchedAt: new Date() };
}

async function deliver(practiceId: string, patient: string, change: MirrorChangePlan) {
  return h.db.transaction().execute((trx) => writeMirrorChange(trx, { practiceId, kind: 'patients', objectId: patient, change, at: new Date() }));
}

const storedSlots = (patient: string) => storedInsuranceSlots(h.db, patient);

describe('writeMirrorChange: insurance slots of a verbose patient read', () => {
  it('keeps the newer read’s slots when an older re-fetch commits after it, and says they were skipped', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    expect(await deliver(practice, patient, verboseRead(patient, '2026-05-01T10:02:00', 'Acme'))).toMatchObject({ operation: 'insert', insurances: { created: 1 } });
    const older = await deliver(practice, patient, verboseRead(patient, '2026-05-01T10:01:00', 'Beta'));
    expect(older).toMatchObject({
      operation: 'unchanged',
      counts: { created: 0, updated: 0, unchanged: 1 },
      insurances: { created: 0, updated: 0, unchanged: 1, deleted: 0, skippedAsOlder: true },
    });
    expect(await storedSlots(patient)).toEqual([['primary', 'Acme', 'live']]);
  });

  it('writes a read with the same updated_at (the later writer wins a tie)', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    await deliver(practice, patient, verboseRead(patient, '2026-05-01T10:02:00', 'Acme'));
    const same = await deliver(practice, patient, verboseRead(patient, '2026-05-01T10:02:00', 'Beta'));
    expect(same).toMatchObject({ operation: 'update', insurances: { updated: 1, skippedAsOlder: false } });
    expect(await storedSlots(patient)).toEqual([['primary', 'Beta', 'live']]);
  });
});
