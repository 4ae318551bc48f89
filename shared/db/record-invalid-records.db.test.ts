import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { seedPharmacy } from '../../test/support/seed-pharmacy.js';
import { recordInvalidRecords } from './record-invalid-records.js';

const h = openTestDb();
afterAll(() => h.close());

describe('recordInvalidRecords', () => {
  it('keeps one row per key, counting occurrences and keeping the latest reason and run', async () => {
    const ph = uniquePharmacyId();
    await seedPharmacy(h.db, ph);
    const [run1, run2] = [randomUUID(), randomUUID()];
    const base = { source: 'drx' as const, pharmacyId: ph, stream: 'doctors' };
    await recordInvalidRecords(h.db, { ...base, runId: run1, records: [{ externalId: 'd9', reason: 'npi fails Luhn check' }, { externalId: 'd9', reason: 'npi fails Luhn check' }] });
    await recordInvalidRecords(h.db, { ...base, runId: run2, records: [{ externalId: 'd9', reason: 'npi missing' }] });
    const rows = await h.db.selectFrom('invalid_records').select(['external_id', 'reason', 'occurrences', 'run_id']).where('pharmacy_id', '=', ph).execute();
    expect(rows).toEqual([{ external_id: 'd9', reason: 'npi missing', occurrences: 2, run_id: run2 }]);
  });
});
