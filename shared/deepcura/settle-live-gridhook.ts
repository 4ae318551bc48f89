/**
 * The end of a live gridhook's transaction, whether it made a note or repeated
 * one: settle its sync_events row and write its succeeded integration_logs row.
 * (The retry worker settles and logs the deliveries it applies itself.)
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/create-db.js';
import { writeClinicDeliveryLog, type ClinicDeliveryLog } from '../drchrono-webhooks/clinic-delivery-log.js';
import { settleClinicEvent } from '../drchrono-webhooks/clinic-events.js';
import type { GridhookDeps } from './gridhook-deps.js';

export interface LiveGridhookOutcome {
  eventId: string;
  correlationId: string;
  startedAt: Date;
  at: Date;
  practiceId: string | null;
  /** 'applied' made (or found its own) note; 'ignored' repeats another delivery's, named by `note`. */
  status: 'applied' | 'ignored';
  note?: string;
  counts: ClinicDeliveryLog['counts'];
  details: Record<string, unknown>;
}

/** Settles the live delivery and logs it, inside the note's transaction. */
export async function settleLiveGridhook(trx: Db, deps: Pick<GridhookDeps, 'newId'>, o: LiveGridhookOutcome): Promise<void> {
  await settleClinicEvent(trx, { id: o.eventId, status: o.status, at: o.at, practiceId: o.practiceId, ...(o.note ? { note: o.note } : {}) });
  await writeClinicDeliveryLog(trx, {
    id: (deps.newId ?? randomUUID)(),
    correlationId: o.correlationId,
    source: 'deepcura',
    kind: 'webhook',
    practiceId: o.practiceId,
    stream: 'deepcura_notes',
    status: 'succeeded',
    startedAt: o.startedAt,
    finishedAt: o.at,
    counts: o.counts,
    details: { syncEventId: o.eventId, ...o.details },
  });
}
