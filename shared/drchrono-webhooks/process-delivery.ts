/**
 * Processes one stored DrChrono delivery: plan → route → re-fetch (network,
 * outside any transaction) → one transaction that writes the object, links
 * waiting Deep Cura notes, queues the patient it names for the next
 * reconciliation, emits the live update and, for a live delivery, marks the
 * event applied and writes its log row. Throws on failure: the
 * caller records it in the retry queue. An object that names only a patient or
 * appointment we do not hold yet is a retryable failure, not 'unroutable':
 * its sibling delivery (PATIENT_CREATE, APPOINTMENT_CREATE) is usually in flight.
 */
import { randomUUID } from 'node:crypto';
import type { MirrorKind } from '../drchrono/rows.js';
import { AppError } from '../errors/app-error.js';
import { writeOutbox } from '../events/write-outbox.js';
import { writeClinicDeliveryLog } from './clinic-delivery-log.js';
import { setClinicEventPractice, settleClinicEvent } from './clinic-events.js';
import { planFor } from './event-plan.js';
import { queueDeliveryPatient } from './queue-delivery-patient.js';
import { resolveChange, routeObject } from './resolve-change.js';
import type { RouteVia } from './route-delivery.js';
import { openPracticeApi, type DrChronoWebhookDeps } from './webhook-deps.js';
import { writeMirrorChange, type WrittenChange } from './write-mirror-change.js';

export interface StoredDrChronoDelivery {
  eventId: string;
  /** The X-drchrono-event name (sync_events.kind). */
  event: string;
  /** The parsed `{receiver, object}` body. */
  payload: unknown;
  correlationId: string;
  startedAt: Date;
}

export type ProcessOutcome =
  | ({ status: 'applied'; practiceId: string; table: MirrorKind; via: RouteVia } & WrittenChange)
  | { status: 'ignored'; reason: 'ping' | 'event_not_mirrored' }
  | { status: 'unroutable'; table: MirrorKind };

/**
 * Processes `d`. In 'live' mode the applied status and log row commit with the
 * data; in 'retry' mode the retry worker records both itself.
 */
export async function processDrChronoDelivery(
  deps: DrChronoWebhookDeps,
  d: StoredDrChronoDelivery,
  mode: 'live' | 'retry',
): Promise<ProcessOutcome> {
  const plan = planFor(d.event);
  if (plan.action === 'ignore') return { status: 'ignored', reason: d.event === 'PING' ? 'ping' : 'event_not_mirrored' };
  const routed = await routeObject(deps.db, plan.kind, d.payload);
  if (!routed.routed && routed.pending) {
    throw new AppError('retryable', 'unroutable_delivery', `not routable yet: the ${routed.kind} names a patient or appointment not stored yet`);
  }
  if (!routed.routed) return { status: 'unroutable', table: routed.kind };
  const { route, kind, objectId } = routed;
  // Known before the re-fetch can fail, so a failed delivery is listed under its practice.
  await setClinicEventPractice(deps.db, d.eventId, route.practiceId);
  const change = await resolveChange(() => openPracticeApi(deps, route.practiceId), deps.clock, plan, objectId);

  return deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now();
    const written = await writeMirrorChange(trx, { practiceId: route.practiceId, kind, objectId, change, at });
    await queueDeliveryPatient(trx, route.practiceId, { kind, objectId, payload: d.payload });
    if (written.operation !== 'unchanged') {
      // Ids and names of tables only: the live stream never carries PHI.
      await writeOutbox(trx, 'live-updates', null, {
        type: 'ehr.webhook.applied',
        practiceId: route.practiceId,
        table: kind,
        operation: written.operation,
        at: at.toISOString(),
      });
    }
    if (mode === 'live') {
      await settleClinicEvent(trx, {
        id: d.eventId,
        status: 'applied',
        at,
        practiceId: route.practiceId,
        ...(change.type === 'gone' ? { note: 'object not found on re-fetch; left to reconciliation' } : {}),
      });
      await writeClinicDeliveryLog(trx, {
        id: (deps.newId ?? randomUUID)(),
        correlationId: d.correlationId,
        source: 'drchrono',
        kind: 'webhook',
        practiceId: route.practiceId,
        stream: kind,
        status: 'succeeded',
        startedAt: d.startedAt,
        finishedAt: at,
        counts: {
          fetched: plan.action === 'fetch' ? 1 : 0,
          created: written.counts.created,
          updated: written.counts.updated + written.counts.deleted,
          unchanged: written.counts.unchanged,
        },
        details: {
          event: d.event,
          syncEventId: d.eventId,
          operation: written.operation,
          deleted: written.counts.deleted,
          via: route.via,
          linkedNotes: written.linkedNotes,
          // Tells a delivery whose older slots were refused apart from one that found nothing new.
          ...(written.insurances?.skippedAsOlder === true ? { insurancesSkippedAsOlder: true } : {}),
        },
      });
    }
    return { status: 'applied', practiceId: route.practiceId, table: kind, via: route.via, ...written };
  });
}
