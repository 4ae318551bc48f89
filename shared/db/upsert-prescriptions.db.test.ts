import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { prescriptionRow, uniqueDoctorBase } from '../../test/support/drx-rows.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { upsertPrescriptions } from './upsert-prescriptions.js';
import { refreshPrescriberMetrics } from './refresh-prescriber-metrics.js';

const h = openTestDb();
afterAll(() => h.close());

async function fresh() {
  const id = uniquePharmacyId();
  await seedPharmacy(h.db, id);
  return id;
}

function rowVersions(pharmacyId: string) {
  return sql<{ external_id: string; xmin: string; updated_at: Date }>`
    select external_id, xmin::text as xmin, updated_at from prescriptions where pharmacy_id = ${pharmacyId}
    order by external_id`
    .execute(h.db)
    .then((r) => r.rows);
}

describe('upsertPrescriptions', () => {
  it('counts a first insert as created, an identical replay as unchanged without rewriting, and one change as updated', async () => {
    const ph = await fresh();
    const d = uniqueDoctorBase();
    const rows = [1, 2, 3].map((n) => prescriptionRow(n, d));
    const first = await upsertPrescriptions(h.db, ph, rows);
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const before = await rowVersions(ph);

    const replay = await upsertPrescriptions(h.db, ph, rows);
    expect(replay).toMatchObject({ created: 0, updated: 0, unchanged: 3, prescriberIds: [] });
    expect(await rowVersions(ph)).toEqual(before);

    const changed = [rows[0]!, prescriptionRow(2, d, undefined, { refills: 0 }), rows[2]!];
    const third = await upsertPrescriptions(h.db, ph, changed);
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const after = await rowVersions(ph);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.xmin).not.toBe(before[1]!.xmin);
    const stored = await h.db.selectFrom('prescriptions').select(['refills', 'written_date', 'total_qty_remaining']).where('pharmacy_id', '=', ph).where('external_id', '=', 'rx2').executeTakeFirstOrThrow();
    expect(stored).toEqual({ refills: 0, written_date: '2026-01-03', total_qty_remaining: 60.5 });
  });

  it('keeps the last of two rows with the same key on one page instead of failing the statement', async () => {
    const ph = await fresh();
    const d = uniqueDoctorBase();
    const result = await upsertPrescriptions(h.db, ph, [prescriptionRow(1, d), prescriptionRow(1, d, undefined, { refills: 9 })]);
    expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    const rows = await h.db.selectFrom('prescriptions').select('refills').where('pharmacy_id', '=', ph).execute();
    expect(rows).toEqual([{ refills: 9 }]);
  });

  it('creates a minimal prescriber named after the nested doctor and reports new Rxs per prescriber', async () => {
    const ph = await fresh();
    const d = uniqueDoctorBase();
    const result = await upsertPrescriptions(h.db, ph, [prescriptionRow(1, d), prescriptionRow(2, d), prescriptionRow(3, d + 1)]);
    const prescriber = await h.db.selectFrom('prescribers').select(['id', 'last_name', 'content_hash']).where('npi', '=', prescriptionRow(1, d).prescriberNpi).executeTakeFirstOrThrow();
    expect(prescriber.content_hash).toBe('');
    expect(result.createdByPrescriber.get(prescriber.id)).toEqual({ count: 2, name: prescriber.last_name });
    expect(result.prescriberIds).toHaveLength(2);
  });

  it('never sends unchanged rows to the upsert, so a replay does not even lock them', async () => {
    const ph = await fresh();
    const d = uniqueDoctorBase();
    const rows = Array.from({ length: 50 }, (_, i) => prescriptionRow(i, d + (i % 3)));
    await upsertPrescriptions(h.db, ph, rows);
    // ON CONFLICT … DO UPDATE … WHERE false still locks each conflicting row (its xmax
    // changes); a row the hash pre-check skipped is never touched at all.
    const locks = () =>
      sql<{ xmax: string }>`select xmax::text as xmax from prescriptions where pharmacy_id = ${ph}`
        .execute(h.db)
        .then((r) => r.rows.map((x) => x.xmax));
    expect(new Set(await locks())).toEqual(new Set(['0']));
    const before = await rowVersions(ph);
    const result = await upsertPrescriptions(h.db, ph, rows);
    expect(result.unchanged).toBe(50);
    expect(await rowVersions(ph)).toEqual(before);
    expect(new Set(await locks())).toEqual(new Set(['0']));
  });
});

describe('refreshPrescriberMetrics', () => {
  it('recomputes counts and last Rx dates when a prescription moves to another prescriber', async () => {
    const ph = await fresh();
    const d = uniqueDoctorBase();
    const first = await upsertPrescriptions(h.db, ph, [prescriptionRow(1, d, 5), prescriptionRow(2, d, 9), prescriptionRow(3, d + 1, 7)]);
    await refreshPrescriberMetrics(h.db, ph, first.prescriberIds);
    const metrics = () =>
      h.db
        .selectFrom('prescriber_metrics as m')
        .innerJoin('prescribers as p', 'p.id', 'm.prescriber_id')
        .select(['p.npi', 'm.rx_count', 'm.last_rx_date'])
        .where('m.pharmacy_id', '=', ph)
        .orderBy('p.npi')
        .execute();
    const a = prescriptionRow(1, d).prescriberNpi;
    const b = prescriptionRow(1, d + 1).prescriberNpi;
    expect(await metrics()).toEqual(
      [
        { npi: a, rx_count: 2, last_rx_date: '2026-01-09' },
        { npi: b, rx_count: 1, last_rx_date: '2026-01-07' },
      ].sort((x, y) => x.npi.localeCompare(y.npi)),
    );

    // rx2 (the latest of doctor a) now belongs to doctor b.
    const moved = await upsertPrescriptions(h.db, ph, [prescriptionRow(2, d + 1, 9)]);
    expect(moved.prescriberIds).toHaveLength(2);
    await refreshPrescriberMetrics(h.db, ph, moved.prescriberIds);
    expect(await metrics()).toEqual(
      [
        { npi: a, rx_count: 1, last_rx_date: '2026-01-05' },
        { npi: b, rx_count: 2, last_rx_date: '2026-01-09' },
      ].sort((x, y) => x.npi.localeCompare(y.npi)),
    );
  });
});
