// Insurance slots have no updated_at of their own: they are written only when their read is not older than the stored patient.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, testDatabaseUrl } from '../../test/support/test-db.js';
import { createDb, type Db, type DbHandle } from '../db/create-db.js';
import { insuranceRow, newPractice, nextDrchronoId, patientRow } from './ehr-fixtures.testkit.js';
import { upsertInsurances } from './upsert-insurances.js';
import { upsertMirror } from './upsert-mirror.js';

let h: DbHandle;
let racers: DbHandle;
// The racing transaction's connection, so the wait below counts it and nothing another test file runs.
const RACERS = `rxbridge-insurance-order-${randomBytes(4).toString('hex')}`;

beforeAll(() => {
  h = openTestDb();
  racers = createDb(testDatabaseUrl(), { max: 2, applicationName: RACERS });
});
afterAll(async () => {
  await racers.close();
  await h.close();
});

/** DrChrono's updated_at: `minute` minutes past 10:00. */
const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute));

/** A fresh practice and patient, with what the tests do to them. */
async function patient() {
  const practice = await newPractice(h.db);
  const id = nextDrchronoId();
  return {
    /** Stores the patient row as a read with this updated_at saw it. */
    store: (updatedAt: Date | null, db: Db = h.db) =>
      upsertMirror(db, practice, 'patients', [{ ...patientRow(id, `Doe ${updatedAt?.toISOString() ?? 'none'}`), source_updated_at: updatedAt }]),
    /** A read with this updated_at that has `payer` in the primary slot and nothing in the others. */
    slots: (payer: string, updatedAt: Date | null, db: Db = h.db) =>
      upsertInsurances(db, practice, id, { rows: [insuranceRow(id, 'primary', payer)], cleared: ['secondary', 'tertiary'], updatedAt }),
    /** A read with this updated_at that has `payer` as secondary: it clears the primary slot. */
    secondaryOnly: (payer: string, updatedAt: Date | null) =>
      upsertInsurances(h.db, practice, id, { rows: [insuranceRow(id, 'secondary', payer)], cleared: ['primary', 'tertiary'], updatedAt }),
    stored: async () => {
      const rows = await h.db.selectFrom('insurances').select(['slot', 'payer_name', 'deleted_at']).where('patient_drchrono_id', '=', id).orderBy('slot').execute();
      return rows.map((r) => [r.slot, r.payer_name, r.deleted_at === null ? 'live' : 'deleted']);
    },
  };
}

describe('upsertInsurances: read order', () => {
  it('writes nothing from a read older than the stored patient, and counts its slots unchanged', async () => {
    const p = await patient();
    await p.store(at(2));
    await p.slots('Acme', at(2));
    expect(await p.slots('Beta', at(1))).toEqual({ created: 0, updated: 0, unchanged: 1, deleted: 0, skippedAsOlder: true });
    // Nor does it delete a slot the newer read has.
    expect(await p.secondaryOnly('Beta', at(1))).toEqual({ created: 0, updated: 0, unchanged: 1, deleted: 0, skippedAsOlder: true });
    expect(await p.stored()).toEqual([['primary', 'Acme', 'live']]);
  });

  it('writes a read as new as the stored patient (the later writer wins a tie), or newer', async () => {
    const p = await patient();
    await p.store(at(2));
    await p.slots('Acme', at(2));
    expect(await p.slots('Beta', at(2))).toMatchObject({ updated: 1, skippedAsOlder: false });
    expect(await p.secondaryOnly('Gamma', at(3))).toMatchObject({ created: 1, deleted: 1, skippedAsOlder: false });
    expect(await p.stored()).toEqual([['primary', 'Beta', 'deleted'], ['secondary', 'Gamma', 'live']]);
  });

  it('writes when no patient is stored, or either updated_at is unknown', async () => {
    const p = await patient();
    expect(await p.slots('Acme', at(1))).toMatchObject({ created: 1, skippedAsOlder: false });
    await p.store(at(5));
    expect(await p.slots('Beta', null)).toMatchObject({ updated: 1, skippedAsOlder: false });
    await p.store(null);
    expect(await p.slots('Gamma', at(1))).toMatchObject({ updated: 1, skippedAsOlder: false });
    expect(await p.stored()).toEqual([['primary', 'Gamma', 'live']]);
  });

  it('an older read that checks while a newer one is uncommitted waits for it, then writes nothing', async () => {
    const p = await patient();
    await p.store(at(1));
    await p.slots('Acme', at(1));
    const race = await h.db.transaction().execute(async (trx) => {
      // The newer read (a webhook re-fetch) has written its patient and slots but not committed.
      await p.store(at(3), trx);
      await p.slots('Gamma', at(3), trx);
      const older = racers.db.transaction().execute((t) => p.slots('Beta', at(2), t));
      await waitUntilBlocked();
      return { older };
    });
    expect(await race.older).toMatchObject({ skippedAsOlder: true });
    expect(await p.stored()).toEqual([['primary', 'Gamma', 'live']]);
  });
});

async function waitUntilBlocked(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where application_name = ${RACERS} and wait_event_type = 'Lock'`.execute(h.db);
    if ((rows[0]?.n ?? 0) >= 1) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the older read never waited');
}
