/** The scheduled sweep: every due pharmacy, one after another. */
import { listDuePharmacies } from '../db/list-due-pharmacies.js';
import { AppError } from '../errors/app-error.js';
import { describeRunError } from './run-error.js';
import { syncPharmacy } from './sync-pharmacy.js';
import type { SyncDeps } from './sync-request.js';
import type { SyncSummary } from './sync-summary.js';

/**
 * Syncs each due pharmacy (full when its reconciliation is due). A pharmacy
 * whose sync is already running elsewhere is skipped, and one that throws is
 * logged and left for the next sweep, so neither blocks the others.
 */
export async function syncDuePharmacies(deps: SyncDeps, opts: { reconcileIntervalHours: number }): Promise<SyncSummary[]> {
  const due = await listDuePharmacies(deps.db, { now: deps.clock.now(), reconcileIntervalHours: opts.reconcileIntervalHours });
  const summaries: SyncSummary[] = [];
  for (const { pharmacyId, full } of due) {
    try {
      summaries.push(await syncPharmacy(deps, { pharmacyId, kind: 'scheduled', full }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'sync_running') {
        deps.log.info('sync skipped: already running', { pharmacyId });
        continue;
      }
      deps.log.error('scheduled sync failed', { pharmacyId, errorCode: describeRunError(err).code });
    }
  }
  return summaries;
}
