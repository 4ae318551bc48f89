/**
 * The one apply step every DRX delivery goes through, first attempt or retry:
 * map the body, upsert it, refresh metrics, and queue the live update — inside
 * the caller's transaction, so the caller commits it with its own bookkeeping.
 */
import { mapFill } from '../drx/map-fill.js';
import { mapPrescription } from '../drx/map-prescription.js';
import type { InvalidRecord } from '../drx/rows.js';
import type { Db } from '../db/create-db.js';
import { refreshPrescriberMetrics } from '../db/refresh-prescriber-metrics.js';
import { upsertFills } from '../db/upsert-fills.js';
import { upsertPrescriptions } from '../db/upsert-prescriptions.js';
import { writeOutbox, type LiveUpdatePayload } from '../events/write-outbox.js';
import { streamOf, type DeliveryStream } from './delivery-event.js';
import { newRxHighlights } from './webhook-highlights.js';

export interface DrxRecordInput {
  pharmacyId: string;
  /** The DRX event name, e.g. 'Prescription Created' or a fill status. */
  event: string;
  payload: unknown;
}

export interface DeliveryCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type DrxRecordResult =
  | { ok: true; stream: DeliveryStream; counts: DeliveryCounts }
  | { ok: false; stream: DeliveryStream; invalid: InvalidRecord; reason: string };

/** Applies one delivered record in `trx`; an invalid record writes nothing and comes back with its reason. */
export async function applyDrxRecord(trx: Db, input: DrxRecordInput, at: Date): Promise<DrxRecordResult> {
  const stream = streamOf(input.event);
  let counts: DeliveryCounts;
  let highlights: string[] = [];
  if (stream === 'prescriptions') {
    const mapped = mapPrescription(input.payload);
    if (!mapped.ok) return invalid(stream, mapped.invalid);
    const result = await upsertPrescriptions(trx, input.pharmacyId, [mapped.row]);
    await refreshPrescriberMetrics(trx, input.pharmacyId, result.prescriberIds);
    counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
    highlights = newRxHighlights(result.createdByPrescriber);
  } else {
    const mapped = mapFill(input.payload);
    if (!mapped.ok) return invalid(stream, mapped.invalid);
    const result = await upsertFills(trx, input.pharmacyId, [mapped.row]);
    counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
  }
  if (counts.created + counts.updated > 0) {
    await writeOutbox(trx, 'live-updates', input.pharmacyId, liveUpdate(input.pharmacyId, stream, counts, highlights, at));
  }
  return { ok: true, stream, counts };
}

function invalid(stream: DeliveryStream, record: InvalidRecord): DrxRecordResult {
  const reason = `invalid ${stream === 'prescriptions' ? 'prescription' : 'fill'}: ${record.reason}`;
  return { ok: false, stream, invalid: record, reason };
}

function liveUpdate(pharmacyId: string, stream: DeliveryStream, c: DeliveryCounts, highlights: string[], at: Date): LiveUpdatePayload {
  const rx = stream === 'prescriptions';
  return {
    type: 'webhook.applied',
    pharmacyId,
    newPrescribers: 0,
    newPrescriptions: rx ? c.created : 0,
    updatedPrescriptions: rx ? c.updated : 0,
    newFills: rx ? 0 : c.created,
    highlights,
    at: at.toISOString(),
  };
}
