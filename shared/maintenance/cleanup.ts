/**
 * Retention: raw inbound bodies and parsed payloads are the PHI-heavy part of
 * what we keep, needed only while a delivery may still be processed, retried
 * or replayed. Past the retention period they are cleared; published outbox
 * rows are deleted. Each run is an integration_logs row with the counts.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Logger } from '../log/logger.js';
import { describeRunError } from '../sync/run-error.js';
import { isRetentionDays, MAX_RETENTION_DAYS } from './retention-days.js';

/** Statuses after which a delivery is never processed again by itself ('failed' still retries, 'unroutable' awaits review). */
export const FINAL_STATUSES = ['applied', 'ignored', 'dead'] as const;

// Bounded batches keep each statement's locks and WAL small on a large backlog.
const BATCH = 5000;
const DAY_MS = 86_400_000;
/**
 * Default time a run spends clearing before it stops as 'partial': well inside
 * the function's 900 s timeout (infra), so a first run over a large backlog
 * still records and answers its counts, and the next run continues.
 */
export const CLEANUP_TIME_BUDGET_MS = 600_000;

export interface CleanupOptions {
  now: Date;
  retentionDays: number;
  log: Logger;
  /** The integration_logs id of this run (default: a new UUID). */
  runId?: string;
  correlationId?: string;
  /** No new batch starts after this long (default CLEANUP_TIME_BUDGET_MS); the run is then 'partial'. */
  timeBudgetMs?: number;
  /** Rows per batch (default 5000). */
  batchSize?: number;
}

export interface CleanupReport {
  rawBodiesCleared: number;
  payloadsCleared: number;
  outboxDeleted: number;
  runId: string;
  /** False when the time budget stopped the run with work left: the next run continues it. */
  complete: boolean;
}

/** When to stop starting batches, and how big they are. */
interface Pace {
  batch: number;
  deadline: number;
}

const outOfTime = (pace: Pace) => performance.now() >= pace.deadline;

// The sync_events row itself stays: it is the idempotency record (a late
// redelivery of the same key is still recognised and changes nothing), the
// target of deepcura_notes.sync_event_id, and the record of what arrived and
// what became of it. Only its content goes. A dead letter cleared here can no
// longer be replayed: replay it within the retention period.
//
// Age counts from when the delivery finished (processed_at, its last
// processing), not from when it arrived: a dead letter is dead-lettered up to
// ~7 h after arriving, or days later after a replay, and must keep its body the
// whole retention from then so it can still be replayed. A row never processed
// falls back to received_at. processed_at is never before received_at, so the
// received_at bound is implied; it stays so the scan can use sync_events_with_body
// (sql/010), which holds only rows that still have a body: keep the body test
// below exactly as that index's predicate, or every batch reads the whole history.
/** One batch of clearOldBodies: clears up to `batch` old final deliveries' bodies and counts what it cleared. */
export function clearBodiesBatch(cutoff: Date, batch = BATCH) {
  return sql<{ rows: number; raw: number; payloads: number }>`
    with old as (
      select id, raw_body is not null as had_raw, payload is not null as had_payload from sync_events
      where received_at < ${cutoff} and coalesce(processed_at, received_at) < ${cutoff}
        and status = any(${[...FINAL_STATUSES]}::text[])
        and (raw_body is not null or payload is not null)
      limit ${batch} for update skip locked
    ), cleared as (
      update sync_events s set raw_body = null, payload = null from old where s.id = old.id
      returning old.had_raw, old.had_payload
    )
    select count(*)::int as rows, (count(*) filter (where had_raw))::int as raw,
      (count(*) filter (where had_payload))::int as payloads from cleared`;
}

async function clearOldBodies(db: Db, cutoff: Date, pace: Pace): Promise<{ raw: number; payloads: number; done: boolean }> {
  const total = { raw: 0, payloads: 0, done: false };
  for (;;) {
    const res = await clearBodiesBatch(cutoff, pace.batch).execute(db);
    const r = res.rows[0] ?? { rows: 0, raw: 0, payloads: 0 };
    total.raw += r.raw;
    total.payloads += r.payloads;
    if (r.rows < pace.batch) return { ...total, done: true };
    if (outOfTime(pace)) return total;
  }
}

async function deletePublishedOutbox(db: Db, cutoff: Date, pace: Pace): Promise<{ deleted: number; done: boolean }> {
  let deleted = 0;
  for (;;) {
    const res = await sql<{ n: number }>`
      with gone as (
        delete from outbox where id in (
          select id from outbox where published_at < ${cutoff} limit ${pace.batch} for update skip locked)
        returning 1
      ) select count(*)::int as n from gone`.execute(db);
    const n = res.rows[0]?.n ?? 0;
    deleted += n;
    if (n < pace.batch) return { deleted, done: true };
    if (outOfTime(pace)) return { deleted, done: false };
  }
}

/** Clears old final deliveries' bodies and deletes old published outbox rows; records and returns the counts. */
export async function runCleanup(db: Db, opts: CleanupOptions): Promise<CleanupReport> {
  // Zero days would strip deliveries that just finished; callers validate input, this guards the invariant.
  if (!isRetentionDays(opts.retentionDays) || Number.isNaN(opts.now.getTime())) {
    throw new RangeError(`cleanup needs a valid now and a retention of 1 to ${MAX_RETENTION_DAYS} whole days`);
  }
  const runId = opts.runId ?? randomUUID();
  const cutoff = new Date(opts.now.getTime() - opts.retentionDays * DAY_MS);
  const started = performance.now();
  // Source 'drchrono': integration_logs.source allows only drx/drchrono/deepcura; the raw bodies are mostly DrChrono's.
  await db
    .insertInto('integration_logs')
    .values({
      id: runId, correlation_id: opts.correlationId ?? runId, source: 'drchrono', kind: 'maintenance',
      status: 'running', started_at: opts.now, counts: '{}', details: '{}',
    })
    .execute();
  const finish = (status: 'succeeded' | 'partial' | 'failed', details: Record<string, unknown>, error?: { code: string; message: string }) => {
    const ms = Math.round(performance.now() - started);
    return db
      .updateTable('integration_logs')
      .set({
        status, finished_at: new Date(opts.now.getTime() + ms), duration_ms: ms, details: JSON.stringify(details),
        error_code: error?.code ?? null, error: error?.message ?? null,
      })
      .where('id', '=', runId)
      .execute();
  };
  const pace: Pace = { batch: opts.batchSize ?? BATCH, deadline: started + (opts.timeBudgetMs ?? CLEANUP_TIME_BUDGET_MS) };
  try {
    const bodies = await clearOldBodies(db, cutoff, pace);
    // Bodies first (they are the PHI); the outbox waits for a run with time left.
    const outbox = bodies.done ? await deletePublishedOutbox(db, cutoff, pace) : { deleted: 0, done: false };
    const complete = bodies.done && outbox.done;
    const report = { rawBodiesCleared: bodies.raw, payloadsCleared: bodies.payloads, outboxDeleted: outbox.deleted, runId, complete };
    await finish(complete ? 'succeeded' : 'partial', { retentionDays: opts.retentionDays, cutoff: cutoff.toISOString(), ...report });
    if (complete) opts.log.info('cleanup finished', { ...report, retentionDays: opts.retentionDays });
    else opts.log.warn('cleanup stopped at its time budget; the next run continues', { ...report, retentionDays: opts.retentionDays });
    return report;
  } catch (err) {
    const error = describeRunError(err);
    await finish('failed', { retentionDays: opts.retentionDays }, error).catch(() => undefined);
    opts.log.error('cleanup failed', { runId, errorCode: error.code });
    throw err;
  }
}
