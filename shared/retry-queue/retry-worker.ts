/**
 * One pass of the retry worker: claim due items, run each through its
 * source's handler, and record what happened. Items are independent: a handler
 * that throws (or a poison item) costs that item one attempt, never the batch.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../time/clock.js';
import { claimDue, type ClaimedEvent } from './claim-due.js';
import { recordFailure } from './mark-failed.js';
import { markProcessed, releaseClaim } from './mark-processed.js';
import { writeRetryLog } from './write-retry-log.js';

/**
 * What a handler made of an item. An item ignored for a reason an admin must be able to trace (a Deep Cura
 * gridhook that repeats a stored note) carries a PHI-free note, kept in last_error as a live delivery settled
 * 'ignored' keeps its reason.
 */
export type RetryOutcome = 'applied' | 'ignored' | { status: 'ignored'; note: string };

/** Re-processes one stored item; throws to fail the attempt (AppError kind decides retry or dead-letter). */
export type RetryHandler = (event: ClaimedEvent) => Promise<RetryOutcome>;

export interface RetryWorkerDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  /** By sync_events.source. A source without a handler is never claimed by this worker. */
  handlers: Partial<Record<string, RetryHandler>>;
  newId?: () => string;
}

export interface RetryWorkerOptions {
  limit: number;
  /** How long a claim holds: one item's claim, so it must exceed the slowest handler, or a second worker may reclaim. */
  leaseSeconds: number;
  /** No new item is claimed after this long; what is left stays due for the next pass. */
  timeBudgetMs: number;
  /** Only this pharmacy's / practice's items. */
  pharmacyId?: string;
  practiceId?: string;
}

export interface RetryRunSummary {
  claimed: number;
  succeeded: number;
  failed: number;
  dead: number;
  /** Claimed but handed back unprocessed (no handler for its source). */
  released: number;
  /** Reclaimed by another worker before this one could record the outcome (the handler outran the lease); nothing written. */
  leaseLost: number;
}

const LOST_LEASE = new AppError('retryable', 'lease_expired', 'the worker processing this item stopped before finishing');

/** Claims and processes due items one at a time, up to `limit` items, within the time budget. */
export async function runRetryWorker(deps: RetryWorkerDeps, opts: RetryWorkerOptions): Promise<RetryRunSummary> {
  if (opts.timeBudgetMs >= opts.leaseSeconds * 1000) {
    throw new AppError('input', 'invalid_query', 'timeBudgetMs must be shorter than the lease');
  }
  const started = deps.clock.now();
  const sources = Object.keys(deps.handlers).filter((s) => deps.handlers[s] !== undefined);
  const { limit, leaseSeconds, pharmacyId, practiceId } = opts;
  const summary: RetryRunSummary = { claimed: 0, succeeded: 0, failed: 0, dead: 0, released: 0, leaseLost: 0 };
  // One item claimed at a time, just before it runs: a worker killed mid-item (a handler that hangs past the
  // function timeout, or crashes the process) holds only that item, so its reclaim charges the poison alone
  // and never the batch-mates it had not started. Each item also gets its own full lease.
  while (summary.claimed < limit && deps.clock.now().getTime() - started.getTime() < opts.timeBudgetMs) {
    const [event] = await claimDue(deps.db, { now: deps.clock.now(), limit: 1, leaseSeconds, sources, pharmacyId, practiceId });
    if (!event) break;
    summary.claimed += 1;
    const log = deps.log.child({ syncEventId: event.id, source: event.source, kind: event.kind });
    try {
      const result = await processOne(deps, event, log);
      summary[result] += 1;
    } catch (err) {
      // Only our own bookkeeping can land here (the database is failing): the lease brings the item back.
      log.error('retry bookkeeping failed; the item returns when its lease expires', { errorCode: codeOf(err) });
      break;
    }
  }
  deps.log.info('retry worker pass finished', { ...summary });
  return summary;
}

type ItemResult = 'succeeded' | 'failed' | 'dead' | 'released' | 'leaseLost';

// The item is another worker's now; its outcome stands, ours is dropped.
function leaseLost(log: Logger): ItemResult {
  log.warn('lease lost before the outcome was recorded; left to the worker that holds it now');
  return 'leaseLost';
}

async function processOne(deps: RetryWorkerDeps, event: ClaimedEvent, log: Logger): Promise<ItemResult> {
  const newId = deps.newId ?? randomUUID;
  const at = deps.clock.now();
  if (event.prior_status === 'processing') {
    // Its worker died mid-item: that counts as an attempt, so an item that kills workers still dead-letters.
    return fail(deps, event, LOST_LEASE, at, newId(), log);
  }
  const handler = deps.handlers[event.source];
  if (!handler) {
    // Not the item's fault (a missing handler is a deployment state): hand it back, no attempt counted.
    if (!(await releaseClaim(deps.db, { id: event.id, prior_status: event.prior_status, locked_until: event.locked_until }))) {
      return leaseLost(log);
    }
    log.info('no handler for this source; item released');
    return 'released';
  }
  let result: RetryOutcome;
  try {
    result = await handler(event);
  } catch (err) {
    return fail(deps, event, err, deps.clock.now(), newId(), log, at);
  }
  const outcome = typeof result === 'string' ? result : result.status;
  const note = typeof result === 'string' ? undefined : result.note;
  const finished = deps.clock.now();
  const written = await deps.db.transaction().execute(async (trx) => {
    if (!(await markProcessed(trx, event.id, outcome, finished, event.locked_until, note))) return false;
    await writeRetryLog(trx, { id: newId(), event, status: 'succeeded', outcome, startedAt: at, finishedAt: finished, note });
    return true;
  });
  if (!written) return leaseLost(log);
  log.info('retried item processed', { outcome, attempt: event.attempts + 1 });
  return 'succeeded';
}

async function fail(
  deps: RetryWorkerDeps,
  event: ClaimedEvent,
  err: unknown,
  at: Date,
  logId: string,
  log: Logger,
  startedAt: Date = at,
): Promise<ItemResult> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const r = await recordFailure(trx, event.id, err, at, event.locked_until);
    if (r === null) return null;
    await writeRetryLog(trx, {
      id: logId,
      event,
      status: 'failed',
      outcome: r.status,
      startedAt,
      finishedAt: at,
      errorCode: r.errorCode,
      error: r.error,
    });
    return r;
  });
  if (result === null) return leaseLost(log);
  log.warn(result.status === 'dead' ? 'retried item dead-lettered' : 'retried item failed; scheduled again', {
    attempts: result.attempts,
    errorCode: result.errorCode,
  });
  return result.status;
}

function codeOf(err: unknown): string {
  if (err instanceof AppError) return err.code;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code.slice(0, 40) : 'internal';
}
