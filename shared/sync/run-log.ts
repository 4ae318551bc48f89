/** The integration_logs row of one sync run: written 'running' at the start, finished once at the end. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { RunKind, RunSource, RunStatus } from '../db/database.js';
import type { StreamCounts } from './sync-summary.js';

export interface RunStart {
  id: string;
  correlationId: string;
  source: RunSource;
  kind: RunKind;
  /** null for a practice (DrChrono) run. */
  pharmacyId: string | null;
  /** Set for DrChrono runs (integration_logs.practice_id). */
  practiceId?: string | null;
  full: boolean;
  startedAt: Date;
}

export interface RunFinish {
  status: Exclude<RunStatus, 'running'>;
  /** Per-stream counts (stored as jsonb). */
  counts: Record<string, StreamCounts & { status?: string }>;
  totals: StreamCounts;
  errorCode: string | null;
  /** Already masked and PHI-free. */
  error: string | null;
  details: Record<string, unknown>;
  finishedAt: Date;
}

/** Inserts the run's row with status 'running', so analysts see runs in flight (and runs that died). */
export async function startRun(db: Db, run: RunStart): Promise<void> {
  await db
    .insertInto('integration_logs')
    .values({
      id: run.id,
      correlation_id: run.correlationId,
      source: run.source,
      kind: run.kind,
      pharmacy_id: run.pharmacyId,
      practice_id: run.practiceId ?? null,
      full_sync: run.full,
      status: 'running',
      started_at: run.startedAt,
      counts: '{}',
      details: '{}',
    })
    .execute();
}

/** Writes the outcome; returns the duration computed from the stored start. */
export async function finishRun(trx: Db, id: string, f: RunFinish): Promise<number> {
  const row = await trx
    .updateTable('integration_logs')
    .set({
      status: f.status,
      finished_at: f.finishedAt,
      duration_ms: sql<number>`greatest(0, round(extract(epoch from (${f.finishedAt}::timestamptz - started_at)) * 1000))::int`,
      fetched: f.totals.fetched,
      created: f.totals.created,
      updated: f.totals.updated,
      unchanged: f.totals.unchanged,
      invalid: f.totals.invalid,
      failed: f.totals.failed,
      counts: JSON.stringify(f.counts),
      error_code: f.errorCode,
      error: f.error,
      details: JSON.stringify(f.details),
    })
    .where('id', '=', id)
    .returning('duration_ms')
    .executeTakeFirstOrThrow();
  return row.duration_ms ?? 0;
}

/**
 * Marks other still-'running' sync runs of this pharmacy failed. Called by the
 * lease holder: only it may run, so any other 'running' row belongs to a run
 * whose instance died or was killed before it could finish.
 */
export async function closeAbandonedRuns(db: Db, r: { source: RunSource; pharmacyId: string; exceptRunId: string; now: Date }): Promise<number> {
  const result = await db
    .updateTable('integration_logs')
    .set({
      status: 'failed',
      finished_at: r.now,
      duration_ms: sql<number>`greatest(0, round(extract(epoch from (${r.now}::timestamptz - started_at)) * 1000))::int`,
      error_code: 'abandoned',
      error: 'the run stopped before finishing (its instance died or was killed); a later run resumed from its last committed page',
    })
    .where('source', '=', r.source)
    .where('pharmacy_id', '=', r.pharmacyId)
    .where('status', '=', 'running')
    .where('kind', '<>', 'webhook')
    .where('id', '<>', r.exceptRunId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
