/**
 * The end of a run, in one transaction: its log row, the integration's status
 * and the live update. A run that lost its lease to another still finishes its
 * own log row, but leaves the integration's status to the run that holds it.
 */
import type { Db } from '../db/create-db.js';
import { sql } from 'kysely';
import type { IntegrationStatus, RunStatus } from '../db/database.js';
import { writeOutbox } from '../events/write-outbox.js';
import type { DrxStream } from './page-source.js';
import { finishRun } from './run-log.js';
import { holdsLease } from './sync-lease.js';
import type { RunError } from './run-error.js';
import type { StreamCounts, StreamResult } from './sync-summary.js';

export interface SyncOutcome {
  runId: string;
  pharmacyId: string;
  full: boolean;
  status: Exclude<RunStatus, 'running'>;
  startedAt: Date;
  finishedAt: Date;
  streams: Record<DrxStream, StreamResult>;
  totals: StreamCounts;
  newPrescribers: number;
  newPrescriptions: number;
  highlights: string[];
  /** The first failure, masked; null when every stream succeeded. */
  error: RunError | null;
}

/** What finishing stored: the run's duration, and whether it still held its lease (and so wrote the status). */
export interface SyncFinish {
  durationMs: number;
  leaseHeld: boolean;
}

/** Commits the run's outcome atomically. */
export async function finishSync(db: Db, o: SyncOutcome): Promise<SyncFinish> {
  return db.transaction().execute(async (trx) => {
    const leaseHeld = await holdsLease(trx, { pharmacyId: o.pharmacyId, system: 'drx', runId: o.runId });
    const counts = Object.fromEntries(
      (Object.entries(o.streams) as [DrxStream, StreamResult][]).map(([name, s]) => [
        name,
        { fetched: s.fetched, created: s.created, updated: s.updated, unchanged: s.unchanged, invalid: s.invalid, failed: s.failed, status: s.status, pages: s.pages, ...(s.errorCode ? { errorCode: s.errorCode } : {}) },
      ]),
    );
    const durationMs = await finishRun(trx, o.runId, {
      status: o.status,
      counts,
      totals: o.totals,
      errorCode: o.error?.code ?? null,
      error: o.error?.message ?? null,
      details: { newPrescribers: o.newPrescribers, newPrescriptions: o.newPrescriptions, ...(leaseHeld ? {} : { leaseLost: true }) },
      finishedAt: o.finishedAt,
    });
    if (leaseHeld) await writeIntegrationStatus(trx, o);
    await writeOutbox(trx, 'live-updates', o.pharmacyId, {
      type: 'sync.completed',
      pharmacyId: o.pharmacyId,
      runId: o.runId,
      status: o.status,
      newPrescribers: o.newPrescribers,
      newPrescriptions: o.newPrescriptions,
      highlights: o.highlights,
      at: o.finishedAt.toISOString(),
    });
    return { durationMs, leaseHeld };
  });
}

/** The pharmacy's DRX status after a run: last error, key validity, last success, last full sync. */
async function writeIntegrationStatus(trx: Db, o: SyncOutcome): Promise<void> {
  const invalidKey = o.error?.code === 'invalid_drx_key';
  await trx
    .updateTable('pharmacy_integrations')
    .set({
      last_error: o.error?.message ?? null,
      updated_at: o.finishedAt,
      ...(invalidKey ? { status: 'invalid_key' as const } : {}),
      // A run that got data proves the key works again; 'disabled' is an operator's choice and stays.
      ...(o.status !== 'failed'
        ? { last_success_at: o.finishedAt, status: sql<IntegrationStatus>`case when status = 'disabled' then status else 'active' end` }
        : {}),
      // The start, not the end: everything stored before it has been reconciled.
      ...(o.full && o.status === 'succeeded' ? { last_full_sync_at: o.startedAt } : {}),
    })
    .where('pharmacy_id', '=', o.pharmacyId)
    .where('system', '=', 'drx')
    .execute();
}
