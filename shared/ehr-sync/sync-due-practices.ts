/** The scheduled sweep: every due practice, one after another. */
import { AppError } from '../errors/app-error.js';
import { describeRunError } from '../sync/run-error.js';
import type { EhrSyncDeps } from './ehr-sync-deps.js';
import { listDuePractices } from './list-due-practices.js';
import type { PracticeSyncSummary } from './practice-sync-summary.js';
import { syncPractice } from './sync-practice.js';

/**
 * Reconciles each due practice (full until its first backfill completes). A
 * practice whose run is already going elsewhere is skipped, and one that throws
 * is logged and left for the next sweep, so neither blocks the others.
 */
export async function syncDuePractices(deps: EhrSyncDeps): Promise<PracticeSyncSummary[]> {
  const due = await listDuePractices(deps.db, {
    now: deps.clock.now(),
    intervalMinutes: deps.settings.syncIntervalMinutes,
  });
  const summaries: PracticeSyncSummary[] = [];
  for (const { practiceId, full } of due) {
    try {
      summaries.push(await syncPractice(deps, { practiceId, kind: 'scheduled', full }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'sync_running') {
        deps.log.info('ehr sync skipped: already running', { practiceId });
        continue;
      }
      deps.log.error('scheduled ehr sync failed', { practiceId, errorCode: describeRunError(err).code });
    }
  }
  return summaries;
}
