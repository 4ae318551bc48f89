/** One failed attempt at a queued event: count it, keep its reason, and schedule the next try or dead-letter it. */
import type { Db } from '../db/create-db.js';
import { heldUnder, type ClaimLease } from './claim-lease.js';
import { classifyFailure } from './classify-failure.js';
import { nextAttemptAt } from './retry-schedule.js';

export interface FailureOutcome {
  status: 'failed' | 'dead';
  attempts: number;
  /** Null when dead-lettered. */
  nextAttemptAt: Date | null;
  errorCode: string;
  /** The stored, PHI-free reason. */
  error: string;
}

/**
 * Records attempt n+1 as failed (attempts + 1, last_error, an event_failures
 * row, lease released): a transient error is scheduled by RETRY_DELAYS_MS and
 * dead-lettered once the schedule runs out; a permanent one is dead at once.
 * Pass a transaction to commit it with other writes.
 *
 * A claimed item passes its claim's `lease`: the failure is then recorded
 * only while that lease still holds the row, and null (nothing written) means
 * another worker reclaimed it. A live delivery that was never claimed (status
 * 'received') passes none.
 */
export async function recordFailure(db: Db, eventId: string, err: unknown, now: Date): Promise<FailureOutcome>;
export async function recordFailure(db: Db, eventId: string, err: unknown, now: Date, lease: ClaimLease): Promise<FailureOutcome | null>;
export async function recordFailure(db: Db, eventId: string, err: unknown, now: Date, lease?: ClaimLease): Promise<FailureOutcome | null> {
  if (!db.isTransaction) return db.transaction().execute((trx) => recordFailureIn(trx, eventId, err, now, lease));
  return recordFailureIn(db, eventId, err, now, lease);
}

async function recordFailureIn(trx: Db, eventId: string, err: unknown, now: Date, lease: ClaimLease | undefined): Promise<FailureOutcome | null> {
  const failure = classifyFailure(err);
  // Row lock: the count read here is the count written, whoever else touches the row.
  const current = trx.selectFrom('sync_events').select('attempts').where('id', '=', eventId).forUpdate();
  const row = lease === undefined ? await current.executeTakeFirstOrThrow() : await current.where(heldUnder(lease)).executeTakeFirst();
  if (row === undefined) return null;
  const attempts = row.attempts + 1;
  const next = failure.transient ? nextAttemptAt(attempts, now) : null;
  const status = next === null ? 'dead' : 'failed';
  await trx
    .updateTable('sync_events')
    .set({
      status,
      attempts,
      next_attempt_at: next,
      last_error: failure.text,
      processed_at: now,
      locked_until: null,
    })
    .where('id', '=', eventId)
    .execute();
  await trx
    .insertInto('event_failures')
    .values({ sync_event_id: eventId, attempt: attempts, error_code: failure.code, error: failure.text, failed_at: now })
    .execute();
  return { status, attempts, nextAttemptAt: next, errorCode: failure.code, error: failure.text };
}
