/**
 * Applies one stored DRX delivery in a single transaction: map, upsert, live
 * update, mark applied, log. A record that fails validation is marked failed
 * with its reason and no retry time (retrying cannot fix it; the next sync
 * reconciles). Anything thrown rolls everything back for the caller to record.
 */
import { mapFill } from '../drx/map-fill.js';
import { mapPrescription } from '../drx/map-prescription.js';
import type { InvalidRecord } from '../drx/rows.js';
import type { Db } from '../db/create-db.js';
import { markEventApplied, markEventFailed } from '../db/inbound-events.js';
import { recordInvalidRecords } from '../db/record-invalid-records.js';
import { refreshPrescriberMetrics } from '../db/refresh-prescriber-metrics.js';
import { upsertFills } from '../db/upsert-fills.js';
import { upsertPrescriptions } from '../db/upsert-prescriptions.js';
import { writeDeliveryLog } from '../db/write-delivery-log.js';
import { writeOutbox, type LiveUpdatePayload } from '../events/write-outbox.js';
import { streamOf, type DeliveryStream } from './delivery-event.js';
import { newRxHighlights } from './webhook-highlights.js';

export interface StoredDelivery {
  eventId: string;
  logId: string;
  pharmacyId: string;
  event: string;
  payload: unknown;
  correlationId: string;
  startedAt: Date;
}

export interface DeliveryCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type ApplyOutcome =
  | { status: 'applied'; stream: DeliveryStream; counts: DeliveryCounts }
  | { status: 'failed'; stream: DeliveryStream; reason: string };

const NO_COUNTS: DeliveryCounts = { created: 0, updated: 0, unchanged: 0 };

/** Applies `d` atomically and returns what happened; throws (after rollback) on unexpected errors. */
export async function applyDelivery(db: Db, d: StoredDelivery, now: () => Date): Promise<ApplyOutcome> {
  const stream = streamOf(d.event);
  return db.transaction().execute(async (trx) => {
    let counts: DeliveryCounts;
    let highlights: string[] = [];
    if (stream === 'prescriptions') {
      const mapped = mapPrescription(d.payload);
      if (!mapped.ok) return rejectInvalid(trx, d, stream, mapped.invalid, now);
      const result = await upsertPrescriptions(trx, d.pharmacyId, [mapped.row]);
      await refreshPrescriberMetrics(trx, d.pharmacyId, result.prescriberIds);
      counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
      highlights = newRxHighlights(result.createdByPrescriber);
    } else {
      const mapped = mapFill(d.payload);
      if (!mapped.ok) return rejectInvalid(trx, d, stream, mapped.invalid, now);
      const result = await upsertFills(trx, d.pharmacyId, [mapped.row]);
      counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
    }
    if (counts.created + counts.updated > 0) {
      await writeOutbox(trx, 'live-updates', d.pharmacyId, liveUpdate(d, stream, counts, highlights, now()));
    }
    await markEventApplied(trx, d.eventId, now());
    await log(trx, d, stream, 'succeeded', { ...counts, invalid: 0 }, now());
    return { status: 'applied', stream, counts };
  });
}

async function rejectInvalid(
  trx: Db,
  d: StoredDelivery,
  stream: DeliveryStream,
  invalid: InvalidRecord,
  now: () => Date,
): Promise<ApplyOutcome> {
  const reason = `invalid ${stream === 'prescriptions' ? 'prescription' : 'fill'}: ${invalid.reason}`;
  await recordInvalidRecords(trx, { source: 'drx', pharmacyId: d.pharmacyId, stream, runId: d.logId, records: [invalid] });
  await markEventFailed(trx, { id: d.eventId, errorCode: 'invalid_record', error: reason, at: now(), nextAttemptAt: null });
  await log(trx, d, stream, 'failed', { ...NO_COUNTS, invalid: 1 }, now(), { errorCode: 'invalid_record', error: reason });
  return { status: 'failed', stream, reason };
}

function liveUpdate(d: StoredDelivery, stream: DeliveryStream, c: DeliveryCounts, highlights: string[], at: Date): LiveUpdatePayload {
  const rx = stream === 'prescriptions';
  return {
    type: 'webhook.applied',
    pharmacyId: d.pharmacyId,
    newPrescribers: 0,
    newPrescriptions: rx ? c.created : 0,
    updatedPrescriptions: rx ? c.updated : 0,
    newFills: rx ? 0 : c.created,
    highlights,
    at: at.toISOString(),
  };
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
