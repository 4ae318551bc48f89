import { afterAll, describe, expect, it } from 'vitest';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { prescriptionRow, uniqueDoctorBase } from '../../test/support/drx-rows.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { batchedFindUnchanged, findUnchangedHashes } from './find-unchanged.js';
import { upsertPrescriptions } from './upsert-prescriptions.js';

const h = openTestDb();
afterAll(() => h.close());

/** A pharmacy with prescriptions rx1..rxN stored; returns their stored hashes by external id. */
async function storedPharmacy(n: number): Promise<{ pharmacyId: string; hashes: Map<string, string> }> {
  const pharmacyId = uniquePharmacyId();
  await seedPharmacy(h.db, pharmacyId);
  const d = uniqueDoctorBase();
  await upsertPrescriptions(h.db, pharmacyId, Array.from({ length: n }, (_, i) => prescriptionRow(i + 1, d)));
  const rows = await h.db.selectFrom('prescriptions').select(['external_id', 'content_hash']).where('pharmacy_id', '=', pharmacyId).execute();
  return { pharmacyId, hashes: new Map(rows.map((r) => [r.external_id, r.content_hash])) };
}

describe('findUnchangedHashes', () => {
  it('returns the hashes stored for their own id in this pharmacy, and nothing else', async () => {
    const { pharmacyId, hashes } = await storedPharmacy(3);
    const other = await storedPharmacy(1);
    const h1 = hashes.get('rx1') ?? '';
    const h2 = hashes.get('rx2') ?? '';
    const found = await findUnchangedHashes(h.db, 'prescriptions', pharmacyId, [
      { externalId: 'rx1', hash: h1 }, // stored as is
      { externalId: 'rx2', hash: 'changed' }, // stored with another hash
      { externalId: 'rx3', hash: h2 }, // another record's hash
      { externalId: 'rx9', hash: h1 }, // not stored
    ]);
    expect(found).toEqual(new Set([h1]));
    // The same record id in another pharmacy does not count.
    expect(await findUnchangedHashes(h.db, 'prescriptions', other.pharmacyId, [{ externalId: 'rx2', hash: h2 }])).toEqual(new Set());
  });
});

describe('batchedFindUnchanged', () => {
  it('answers pages asked at the same time together, each with the hashes among its own candidates', async () => {
    const { pharmacyId, hashes } = await storedPharmacy(6);
    const find = batchedFindUnchanged(h.db, 'prescriptions', pharmacyId);
    const hash = (id: string) => hashes.get(id) ?? '';
    const pages = [
      [{ externalId: 'rx1', hash: hash('rx1') }, { externalId: 'rx2', hash: 'changed' }],
      [{ externalId: 'rx3', hash: hash('rx3') }, { externalId: 'rx4', hash: hash('rx4') }],
      [{ externalId: 'rx5', hash: 'changed' }],
      [],
    ];
    const answers = await Promise.all(pages.map((p) => find(p)));
    expect(answers).toEqual([new Set([hash('rx1')]), new Set([hash('rx3'), hash('rx4')]), new Set(), new Set()]);
  });
});
