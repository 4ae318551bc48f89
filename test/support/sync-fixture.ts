/** A pharmacy with realistic DRX data behind a scripted source, and the deps to sync it. */
import { silentLogger } from '../../shared/log/logger.js';
import type { SyncDeps } from '../../shared/sync/sync-request.js';
import { ManualClock } from '../../shared/time/clock.js';
import type { DbHandle } from '../../shared/db/create-db.js';
import { fillRow, prescriberRow, prescriptionRow, uniqueDoctorBase } from './drx-rows.js';
import { ScriptedPageSource } from './scripted-page-source.js';
import { seedPharmacy } from './seed-pharmacy.js';
import { uniquePharmacyId } from './test-db.js';

export interface SyncFixture {
  pharmacyId: string;
  doctorBase: number;
  source: ScriptedPageSource;
  clock: ManualClock;
  deps: SyncDeps;
}

/** `doctors` doctors, `prescriptions` Rxs spread over them (days 1..28), one fill per Rx; a page size of 10. */
export async function syncFixture(
  h: DbHandle,
  opts: { doctors?: number; prescriptions?: number; holderId?: string } = {},
): Promise<SyncFixture> {
  const pharmacyId = uniquePharmacyId();
  await seedPharmacy(h.db, pharmacyId);
  const doctorBase = uniqueDoctorBase();
  const doctors = opts.doctors ?? 25;
  const source = new ScriptedPageSource();
  source.add('doctors', Array.from({ length: doctors }, (_, i) => prescriberRow(doctorBase + i)));
  source.add('prescriptions', Array.from({ length: opts.prescriptions ?? 40 }, (_, i) => prescriptionRow(i, doctorBase + (i % doctors))));
  source.add('fills', Array.from({ length: opts.prescriptions ?? 40 }, (_, i) => fillRow(i, i)));
  const clock = new ManualClock(new Date('2026-02-01T00:00:00Z'));
  // Each request "takes" a second of DRX time, so durations are known exactly.
  source.onRequest = () => clock.advance(1000);
  const deps: SyncDeps = {
    db: h.db,
    log: silentLogger,
    clock,
    openSource: async () => source,
    holderId: opts.holderId ?? 'test-instance',
    settings: { pageSize: 10, cursorOverlapMinutes: 60, leaseSeconds: 60, prefetchPages: 2 },
  };
  return { pharmacyId, doctorBase, source, clock, deps };
}
