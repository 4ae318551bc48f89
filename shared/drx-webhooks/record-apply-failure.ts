/** When applying a stored delivery throws: keep it, mark it failed with a PHI-free reason, schedule a retry. */
import { randomUUID } from 'node:crypto';
import { markEventFailed } from '../db/inbound-events.js';
import { writeDeliveryLog } from '../db/write-delivery-log.js';
import { AppError } from '../errors/app-error.js';
import { maskedErrorText } from '../log/mask.js';
import type { Clock } from '../time/clock.js';
import type { Db } from '../db/create-db.js';
import type { StoredDelivery } from './apply-delivery.js';
import { streamOf } from './delivery-event.js';

/** The first retry of a failed delivery; the retry worker backs off from there. */
export const FIRST_RETRY_DELAY_MS = 60_000;

/**
 * A storable reason: an AppError's message is ours and safe; any other error
 * (a driver error may quote a value from the body) is reduced to name and code.
 */
export function failureReason(err: unknown): { code: string; text: string } {
  if (err instanceof AppError) return { code: err.code, text: maskedErrorText(err) };
  const name = err instanceof Error ? err.name : 'Error';
  const raw = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const code = typeof raw === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(raw) ? raw : 'internal';
  return { code, text: `could not apply the delivery (${name} ${code})` };
}

/** Marks the event failed (attempts + 1, retry in a minute), adds an event_failures row and the delivery's log row. */
export async function recordApplyFailure(
  deps: { db: Db; clock: Clock; newId?: () => string },
  d: StoredDelivery,
  err: unknown,
): Promise<{ code: string; text: string }> {
  const reason = failureReason(err);
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await markEventFailed(trx, {
      id: d.eventId,
      errorCode: reason.code,
      error: reason.text,
      at,
      nextAttemptAt: new Date(at.getTime() + FIRST_RETRY_DELAY_MS),
    });
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
      errorCode: reason.code,
      error: reason.text,
      details: { event: d.event, syncEventId: d.eventId },
    });
  });
  return reason;
}
