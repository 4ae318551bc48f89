/** When applying a freshly received delivery throws: keep it, count the attempt, and let the retry queue take it from there. */
import { randomUUID } from 'node:crypto';
import { writeDeliveryLog } from '../db/write-delivery-log.js';
import type { Clock } from '../time/clock.js';
import type { Db } from '../db/create-db.js';
import { classifyFailure } from '../retry-queue/classify-failure.js';
import { recordFailure, type FailureOutcome } from '../retry-queue/mark-failed.js';
import { RETRY_DELAYS_MS } from '../retry-queue/retry-schedule.js';
import type { StoredDelivery } from './apply-delivery.js';
import { streamOf } from './delivery-event.js';

/** The first retry of a failed delivery (the queue's schedule, step 1). */
export const FIRST_RETRY_DELAY_MS = RETRY_DELAYS_MS[0] ?? 60_000;

/** A storable, PHI-free reason for `err` (the retry queue's classification). */
export function failureReason(err: unknown): { code: string; text: string } {
  const { code, text } = classifyFailure(err);
  return { code, text };
}

/**
 * Records attempt 1 as failed through the retry queue (a transient error is
 * due again in a minute, a permanent one is dead at once), with the
 * delivery's log row, in one transaction.
 */
export async function recordApplyFailure(
  deps: { db: Db; clock: Clock; newId?: () => string },
  d: StoredDelivery,
  err: unknown,
): Promise<{ code: string; text: string; outcome: FailureOutcome }> {
  const at = deps.clock.now();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const recorded = await recordFailure(trx, d.eventId, err, at);
    await writeDeliveryLog(trx, {
      id: (deps.newId ?? randomUUID)(),
      correlationId: d.correlationId,
      source: 'drx',
      pharmacyId: d.pharmacyId,
      stream: streamOf(d.event),
      status: 'failed',
      startedAt: d.startedAt,
      finishedAt: at,
      counts: { fetched: 1, created: 0, updated: 0, unchanged: 0, invalid: 0, failed: 1 },
      errorCode: recorded.errorCode,
      error: recorded.error,
      details: { event: d.event, syncEventId: d.eventId },
    });
    return recorded;
  });
  return { code: outcome.errorCode, text: outcome.error, outcome };
}
