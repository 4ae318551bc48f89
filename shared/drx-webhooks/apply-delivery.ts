/**
 * Applies a freshly received DRX delivery in a single transaction: the shared
 * apply step, mark applied, log. A record that fails validation is
 * dead-lettered at once with its reason (retrying the same body cannot fix it;
 * the next sync reconciles). Anything thrown rolls everything back for the
 * caller to record as a failed attempt.
 */
import type { Db } from '../db/create-db.js';
import { markEventApplied } from '../db/inbound-events.js';
import { recordInvalidRecords } from '../db/record-invalid-records.js';
import { writeDeliveryLog } from '../db/write-delivery-log.js';
import { AppError } from '../errors/app-error.js';
import { recordFailure } from '../retry-queue/mark-failed.js';
import { applyDrxRecord, type DeliveryCounts } from './apply-drx-record.js';
import type { DeliveryStream } from './delivery-event.js';

export type { DeliveryCounts } from './apply-drx-record.js';

export interface StoredDelivery {
  eventId: string;
  logId: string;
  pharmacyId: string;
  event: string;
  payload: unknown;
  correlationId: string;
  startedAt: Date;
}

export type ApplyOutcome =
  | { status: 'applied'; stream: DeliveryStream; counts: DeliveryCounts }
  | { status: 'failed'; stream: DeliveryStream; reason: string };

const NO_COUNTS: DeliveryCounts = { created: 0, updated: 0, unchanged: 0 };

/** Applies `d` atomically and returns what happened; throws (after rollback) on unexpected errors. */
export async function applyDelivery(db: Db, d: StoredDelivery, now: () => Date): Promise<ApplyOutcome> {
  return db.transaction().execute(async (trx) => {
    const result = await applyDrxRecord(trx, d, now());
    if (!result.ok) {
      const { stream, reason } = result;
      await recordInvalidRecords(trx, { source: 'drx', pharmacyId: d.pharmacyId, stream, runId: d.logId, records: [result.invalid] });
      await recordFailure(trx, d.eventId, new AppError('permanent', 'invalid_record', reason), now());
      await log(trx, d, stream, 'failed', { ...NO_COUNTS, invalid: 1 }, now(), { errorCode: 'invalid_record', error: reason });
      return { status: 'failed', stream, reason };
    }
    await markEventApplied(trx, d.eventId, now());
    await log(trx, d, result.stream, 'succeeded', { ...result.counts, invalid: 0 }, now());
    return { status: 'applied', stream: result.stream, counts: result.counts };
  });
}

async function log(
  trx: Db,
  d: StoredDelivery,
  stream: DeliveryStream,
  status: 'succeeded' | 'failed',
  c: DeliveryCounts & { invalid: number },
  finishedAt: Date,
  error: { errorCode?: string; error?: string } = {},
): Promise<void> {
  await writeDeliveryLog(trx, {
    id: d.logId,
    correlationId: d.correlationId,
    source: 'drx',
    pharmacyId: d.pharmacyId,
    stream,
    status,
    startedAt: d.startedAt,
    finishedAt,
    counts: { fetched: 1, ...c, failed: status === 'failed' && c.invalid === 0 ? 1 : 0 },
    ...error,
    details: { event: d.event, syncEventId: d.eventId },
  });
}
