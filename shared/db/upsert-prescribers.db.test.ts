import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { prescriberRow, uniqueDoctorBase } from '../../test/support/drx-rows.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { upsertPrescribers } from './upsert-prescribers.js';

const h = openTestDb();
afterAll(() => h.close());

async function fresh() {
  const id = uniquePharmacyId();
  await seedPharmacy(h.db, id);
  return id;
}

function versions(npis: string[]) {
  return sql<{ npi: string; xmin: string; xmax: string; updated_at: Date }>`
    select npi, xmin::text as xmin, xmax::text as xmax, updated_at from prescribers where npi = any(${npis}::text[])
    order by npi`.execute(h.db).then((r) => r.rows);
}

describe('upsertPrescribers', () => {
  it('creates prescribers and links, leaves an identical replay untouched, and counts one change as updated', async () => {
    const ph = await fresh();
    const d = uniqueDoctorBase();
    const rows = [0, 1, 2].map((i) => prescriberRow(d + i));
    const first = await upsertPrescribers(h.db, ph, rows);
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0, createdNpis: rows.map((r) => r.npi).sort() });
    const ids = await h.db.selectFrom('prescribers').select(['npi', 'id']).where('npi', 'in', rows.map((r) => r.npi)).execute();
    expect(first.idByNpi).toEqual(new Map(ids.map((r) => [r.npi, r.id])));
    const links = await h.db.selectFrom('pharmacy_prescribers').select(['external_id']).where('pharmacy_id', '=', ph).orderBy('external_id').execute();
    expect(links.map((l) => l.external_id)).toEqual(rows.map((r) => r.externalId).sort());

    const npis = rows.map((r) => r.npi);
    const before = await versions(npis);
    const replay = await upsertPrescribers(h.db, ph, rows);
    expect(replay).toEqual({ created: 0, updated: 0, unchanged: 3, createdNpis: [], idByNpi: first.idByNpi });
    expect(await versions(npis)).toEqual(before);

    const changed = prescriberRow(d + 1, { email: 'moved@clinic.example' });
    expect(await upsertPrescribers(h.db, ph, [rows[0]!, changed, rows[2]!])).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const stored = await h.db.selectFrom('prescribers').select(['email', 'addresses', 'phone_numbers']).where('npi', '=', changed.npi).executeTakeFirstOrThrow();
    expect(stored).toEqual({ email: 'moved@clinic.example', addresses: changed.addresses, phone_numbers: ['5125550100'] });
    const after = await versions(npis);
    expect(after.filter((r) => r.npi !== changed.npi)).toEqual(before.filter((r) => r.npi !== changed.npi));
  });

  it('accepts the same NPI twice on one page and keeps one prescriber', async () => {
    const ph = await fresh();
    const d = uniqueDoctorBase();
    const row = prescriberRow(d);
    const result = await upsertPrescribers(h.db, ph, [row, prescriberRow(d, { email: 'second@clinic.example' })]);
    expect(result.created).toBe(1);
    const stored = await h.db.selectFrom('prescribers').select('email').where('npi', '=', row.npi).execute();
    expect(stored).toEqual([{ email: 'second@clinic.example' }]);
  });

  it('counts a doctor already known from another pharmacy as new to this pharmacy', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const row = prescriberRow(uniqueDoctorBase());
    await upsertPrescribers(h.db, a, [row]);
    expect(await upsertPrescribers(h.db, b, [row])).toMatchObject({ created: 1, updated: 0, unchanged: 0, createdNpis: [row.npi] });
    const count = await h.db.selectFrom('prescribers').select((eb) => eb.fn.countAll<string>().as('n')).where('npi', '=', row.npi).executeTakeFirstOrThrow();
    expect(count.n).toBe('1');
  });
});
