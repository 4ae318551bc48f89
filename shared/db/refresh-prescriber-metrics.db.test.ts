import { afterAll, describe, expect, it } from 'vitest';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { prescriptionRow, uniqueDoctorBase } from '../../test/support/drx-rows.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { ensurePrescribers } from './ensure-prescribers.js';
import { refreshAllPrescriberMetrics } from './refresh-prescriber-metrics.js';
import { upsertPrescriptions } from './upsert-prescriptions.js';

const h = openTestDb();
afterAll(() => h.close());

const metrics = (ph: string) =>
  h.db
    .selectFrom('prescriber_metrics as m')
    .innerJoin('prescribers as p', 'p.id', 'm.prescriber_id')
    .select(['p.npi', 'm.rx_count', 'm.last_rx_date'])
    .where('m.pharmacy_id', '=', ph)
    .orderBy('p.npi')
    .execute();

describe('refreshAllPrescriberMetrics', () => {
  it('recomputes every prescriber of the pharmacy and drops one whose prescriptions all moved away to zero', async () => {
    const ph = uniquePharmacyId();
    await seedPharmacy(h.db, ph);
    const d = uniqueDoctorBase();
    await upsertPrescriptions(h.db, ph, [prescriptionRow(1, d, 5), prescriptionRow(2, d, 9), prescriptionRow(3, d + 1, 7)]);
    await refreshAllPrescriberMetrics(h.db, ph);
    const [a, b] = [prescriptionRow(1, d).prescriberNpi, prescriptionRow(1, d + 1).prescriberNpi];
    const sorted = <T extends { npi: string }>(rows: T[]) => rows.sort((x, y) => x.npi.localeCompare(y.npi));
    expect(await metrics(ph)).toEqual(sorted([
      { npi: a, rx_count: 2, last_rx_date: '2026-01-09' },
      { npi: b, rx_count: 1, last_rx_date: '2026-01-07' },
    ]));

    // Both of doctor a's prescriptions now belong to doctor b.
    await upsertPrescriptions(h.db, ph, [prescriptionRow(1, d + 1, 5), prescriptionRow(2, d + 1, 9)]);
    await refreshAllPrescriberMetrics(h.db, ph);
    expect(await metrics(ph)).toEqual(sorted([
      { npi: a, rx_count: 0, last_rx_date: null },
      { npi: b, rx_count: 3, last_rx_date: '2026-01-09' },
    ]));
  });

  it('leaves other pharmacies alone and rewrites no row whose numbers did not change', async () => {
    const [ph, other] = [uniquePharmacyId(), uniquePharmacyId()];
    await seedPharmacy(h.db, ph);
    await seedPharmacy(h.db, other);
    const d = uniqueDoctorBase();
    await upsertPrescriptions(h.db, ph, [prescriptionRow(1, d)]);
    await upsertPrescriptions(h.db, other, [prescriptionRow(1, d)]);
    await refreshAllPrescriberMetrics(h.db, ph);
    const stamp = () => h.db.selectFrom('prescriber_metrics').select('updated_at').where('pharmacy_id', '=', ph).executeTakeFirstOrThrow();
    const before = await stamp();
    await refreshAllPrescriberMetrics(h.db, ph);
    expect(await stamp()).toEqual(before);
    expect(await metrics(other)).toEqual([]);
  });
});

describe('ensurePrescribers', () => {
  it('returns known ids as given and creates only the NPIs it does not know', async () => {
    const d = uniqueDoctorBase();
    const [x, y] = [prescriptionRow(1, d), prescriptionRow(2, d + 1)];
    // An id the caller already resolved is trusted as is: no lookup, no insert for that NPI.
    const known = new Map([[x.prescriberNpi, '999999999']]);
    const ids = await ensurePrescribers(
      h.db,
      [x, y].map((r) => ({ npi: r.prescriberNpi, firstName: r.prescriberFirstName, lastName: r.prescriberLastName })),
      known,
    );
    const stored = await h.db.selectFrom('prescribers').select(['npi', 'id']).where('npi', 'in', [x.prescriberNpi, y.prescriberNpi]).execute();
    expect(stored.map((r) => r.npi)).toEqual([y.prescriberNpi]);
    expect(ids).toEqual(new Map([[x.prescriberNpi, '999999999'], [y.prescriberNpi, stored[0]?.id]]));
  });
});
