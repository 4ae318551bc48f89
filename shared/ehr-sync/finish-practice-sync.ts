/**
 * The end of a practice run, in one transaction: its log row, the practice's
 * status fields and the live update. A run that lost its lease still finishes
 * its own log row, but leaves the practice's status (and its full pass) to the
 * run that holds the lease.
 */
import type { Db } from '../db/create-db.js';
import type { RunStatus } from '../db/database.js';
import { writeOutbox } from '../events/write-outbox.js';
import { finishRun } from '../sync/run-log.js';
import type { SyncFinish } from '../sync/finish-sync.js';
import type { RunError } from '../sync/run-error.js';
import type { EhrStream } from './ehr-streams.js';
import type { EhrCounts, EhrStreamResult } from './practice-sync-summary.js';
import { holdsPracticeLease } from './practice-lease.js';

export interface PracticeSyncOutcome {
  runId: string;
  practiceId: string;
  full: boolean;
  /** The full pass the run worked on; null for an incremental run. */
  fullPass: Date | null;
  status: Exclude<RunStatus, 'running'>;
  startedAt: Date;
  finishedAt: Date;
  streams: Record<EhrStream, EhrStreamResult>;
  totals: EhrCounts;
  pendingPatients: number;
  error: RunError | null;
}

/** Commits the run's outcome atomically. */
export async function finishPracticeSync(db: Db, o: PracticeSyncOutcome): Promise<SyncFinish> {
  return db.transaction().execute(async (trx) => {
    const leaseHeld = await holdsPracticeLease(trx, { practiceId: o.practiceId, runId: o.runId });
    const counts = Object.fromEntries(
      Object.entries(o.streams).map(([name, s]) => [name, { ...pick(s), status: s.status, pages: s.pages, ...(s.errorCode ? { errorCode: s.errorCode } : {}) }]),
    );
    const { deleted, ...totals } = o.totals;
    const durationMs = await finishRun(trx, o.runId, {
      status: o.status,
      counts,
      totals,
      errorCode: o.error?.code ?? null,
      error: o.error?.message ?? null,
      details: { deleted, pendingPatients: o.pendingPatients, ...(leaseHeld ? {} : { leaseLost: true }) },
      finishedAt: o.finishedAt,
    });
    if (leaseHeld) {
      await trx
        .updateTable('practices')
        .set({
          last_error: o.error?.message ?? null,
          updated_at: o.finishedAt,
          ...(o.status !== 'failed' ? { last_success_at: o.finishedAt } : {}),
          // The pass's start, not this run's end: everything stored before it has been reconciled.
          ...(o.fullPass && o.status === 'succeeded' ? { last_full_sync_at: o.fullPass, full_pass_started_at: null } : {}),
        })
        .where('id', '=', o.practiceId)
        .execute();
    }
    // Counts only: no patient data reaches the live stream.
    await writeOutbox(trx, 'live-updates', null, {
      type: 'ehr.sync.completed',
      practiceId: o.practiceId,
      runId: o.runId,
      status: o.status,
      counts: o.totals,
      pendingPatients: o.pendingPatients,
      ...(o.error ? { errorCode: o.error.code } : {}),
      at: o.finishedAt.toISOString(),
    });
    return { durationMs, leaseHeld };
  });
}

function pick(s: EhrCounts): EhrCounts {
  return { fetched: s.fetched, created: s.created, updated: s.updated, unchanged: s.unchanged, invalid: s.invalid, failed: s.failed, deleted: s.deleted };
}
