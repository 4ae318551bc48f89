import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { fillRow, prescriptionRow, uniqueDoctorBase } from '../../test/support/drx-rows.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { upsertFills } from './upsert-fills.js';
import { upsertPrescriptions } from './upsert-prescriptions.js';

const h = openTestDb();
afterAll(() => h.close());

describe('upsertFills', () => {
  it('stores fills that arrive before their prescription and joins them once it lands', async () => {
    const ph = uniquePharmacyId();
    await seedPharmacy(h.db, ph);
    expect(await upsertFills(h.db, ph, [fillRow(1, 7), fillRow(2, 7)])).toEqual({ created: 2, updated: 0, unchanged: 0 });
    await upsertPrescriptions(h.db, ph, [prescriptionRow(7, uniqueDoctorBase())]);
    const joined = await h.db
      .selectFrom('prescription_fills as f')
      .innerJoin('prescriptions as p', (j) => j.onRef('p.pharmacy_id', '=', 'f.pharmacy_id').onRef('p.external_id', '=', 'f.prescription_external_id'))
      .select(['f.external_id', 'p.external_id as rx'])
      .where('f.pharmacy_id', '=', ph)
      .orderBy('f.external_id')
      .execute();
    expect(joined).toEqual([
      { external_id: 'f1', rx: 'rx7' },
      { external_id: 'f2', rx: 'rx7' },
    ]);
  });

  it('counts replays as unchanged without touching rows, and a status change as one update', async () => {
    const ph = uniquePharmacyId();
    await seedPharmacy(h.db, ph);
    const rows = [fillRow(1, 1), fillRow(2, 1), fillRow(3, 2)];
    await upsertFills(h.db, ph, rows);
    const versions = () =>
      sql<{ external_id: string; xmin: string; xmax: string }>`
        select external_id, xmin::text as xmin, xmax::text as xmax from prescription_fills
        where pharmacy_id = ${ph} order by external_id`.execute(h.db).then((r) => r.rows);
    const before = await versions();
    expect(await upsertFills(h.db, ph, rows)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await versions()).toEqual(before);

    const result = await upsertFills(h.db, ph, [rows[0]!, fillRow(2, 1, undefined, { status: 'Rejected' }), rows[2]!, rows[2]!]);
    expect(result).toEqual({ created: 0, updated: 1, unchanged: 3 });
    const stored = await h.db.selectFrom('prescription_fills').select(['status', 'dispensed_quantity', 'fill_date']).where('pharmacy_id', '=', ph).where('external_id', '=', 'f2').executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'Rejected', dispensed_quantity: 30, fill_date: new Date('2026-01-03T12:00:00Z') });
  });
});
