/**
 * A DRX webhook delivery, end to end: authenticate the static header secret
 * (constant time), store the raw delivery once, apply it, and never drop it —
 * a delivery that cannot be applied goes to the retry queue (sync_events
 * 'failed', due again by the schedule) or, if retrying cannot help, is dead-lettered.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Db } from '../db/create-db.js';
import type { SyncEventStatus } from '../db/database.js';
import { findWebhookSecretRef } from '../db/find-webhook-secret-ref.js';
import { insertInboundEvent } from '../db/inbound-events.js';
import { writeDeliveryLog } from '../db/write-delivery-log.js';
import { AppError } from '../errors/app-error.js';
import { timingSafeEqualStrings } from '../http/timing-safe-equal.js';
import type { Logger } from '../log/logger.js';
import { drxWebhookSecretName, type SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';
import { applyDelivery, type DeliveryCounts } from './apply-delivery.js';
import { deliveryKey, resolveEvent, streamOf } from './delivery-event.js';
import { recordApplyFailure } from './record-apply-failure.js';
import { recordFailure } from '../retry-queue/mark-failed.js';

export interface WebhookDeps {
  db: Db;
  secrets: SecretStore;
  log: Logger;
  clock: Clock;
  newId?: () => string;
}

export interface DrxDelivery {
  pharmacyId: string;
  /** The `event` query parameter of the subscription URL, when present. */
  event?: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  correlationId: string;
}

export type WebhookReceipt =
  | { received: true; duplicate: true; status: SyncEventStatus; eventId: string }
  | { received: true; duplicate: false; status: 'applied'; eventId: string; event: string; counts: DeliveryCounts }
  | { received: true; duplicate: false; status: 'failed'; eventId: string; event: string; reason: string };

const BAD_JSON = new AppError('input', 'bad_json', 'body is not valid JSON');

/** Lower-cased: node lower-cases incoming header names. */
const SECRET_HEADER = 'x-rxbridge-webhook-secret';

/** Authenticates, stores and applies one delivery; throws AppError for 404/401/400 (bad JSON, stored first). */
export async function receiveDrxWebhook(deps: WebhookDeps, delivery: DrxDelivery): Promise<WebhookReceipt> {
  const newId = deps.newId ?? randomUUID;
  const startedAt = deps.clock.now();
  const log = deps.log.child({ pharmacyId: delivery.pharmacyId, correlationId: delivery.correlationId });
  await authenticate(deps, delivery);

  const logDelivery = (
    stream: string | null,
    status: 'succeeded' | 'failed',
    counts: { unchanged?: number; failed?: number },
    extra: { errorCode?: string; error?: string; details: Record<string, unknown> },
  ): Promise<void> =>
    writeDeliveryLog(deps.db, {
      id: newId(),
      correlationId: delivery.correlationId,
      source: 'drx',
      pharmacyId: delivery.pharmacyId,
      stream,
      status,
      startedAt,
      finishedAt: deps.clock.now(),
      counts: { fetched: 1, created: 0, updated: 0, invalid: 0, unchanged: counts.unchanged ?? 0, failed: counts.failed ?? 0 },
      ...extra,
    });

  const rawText = delivery.rawBody.toString('utf8');
  const payload = parseOrUndefined(rawText);
  const event = resolveEvent(delivery.event, payload);
  const eventId = newId();
  // Stored as received, then (bad JSON) dead-lettered in the same transaction: never retried, always listed.
  const stored = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertInboundEvent(trx, {
      id: eventId,
      source: 'drx',
      kind: `drx.${event}`,
      pharmacyId: delivery.pharmacyId,
      idempotencyKey: deliveryKey(delivery.pharmacyId, event, delivery.rawBody),
      correlationId: delivery.correlationId,
      rawBody: rawText,
      payload: payload ?? null,
      status: 'received',
      receivedAt: startedAt,
    });
    if (inserted.inserted && payload === undefined) await recordFailure(trx, eventId, BAD_JSON, startedAt);
    return inserted;
  });
  if (payload === undefined) {
    if (stored.inserted) {
      await logDelivery(null, 'failed', { failed: 1 }, { errorCode: 'bad_json', error: 'body is not valid JSON', details: { event, syncEventId: eventId } });
    }
    log.warn('webhook body is not valid JSON', { event });
    throw new AppError('input', 'bad_json', BAD_JSON.message, { stored: true });
  }
  if (!stored.inserted) {
    // Still one integration_logs row per delivery: analysts see how often DRX repeats itself.
    await logDelivery(streamOf(event), 'succeeded', { unchanged: 1 }, { details: { event, duplicate: true, syncEventId: stored.existingId } });
    log.info('duplicate webhook delivery', { event, status: stored.status });
    return { received: true, duplicate: true, status: stored.status, eventId: stored.existingId };
  }

  const d = { eventId, logId: newId(), pharmacyId: delivery.pharmacyId, event, payload, correlationId: delivery.correlationId, startedAt };
  try {
    const outcome = await applyDelivery(deps.db, d, () => deps.clock.now());
    log.info('webhook delivery processed', { event, status: outcome.status });
    return outcome.status === 'applied'
      ? { received: true, duplicate: false, status: 'applied', eventId, event, counts: outcome.counts }
      : { received: true, duplicate: false, status: 'failed', eventId, event, reason: outcome.reason };
  } catch (err) {
    const reason = await recordApplyFailure(deps, d, err);
    log.warn('webhook delivery failed; kept in the retry queue', { event, errorCode: reason.code, status: reason.outcome.status });
    return { received: true, duplicate: false, status: 'failed', eventId, event, reason: reason.text };
  }
}

async function authenticate(deps: WebhookDeps, delivery: DrxDelivery): Promise<void> {
  const target = await findWebhookSecretRef(deps.db, delivery.pharmacyId);
  if (!target) {
    throw new AppError('not_found', 'unknown_pharmacy', `unknown pharmacy ${delivery.pharmacyId}`, {
      pharmacyId: delivery.pharmacyId,
    });
  }
  const expected = await deps.secrets.get(target.secretRef ?? drxWebhookSecretName(delivery.pharmacyId));
  const sent = delivery.headers[SECRET_HEADER];
  const given = Array.isArray(sent) ? sent[0] : sent;
  // Compare even when something is missing, so timing does not tell which part was wrong.
  const matches = timingSafeEqualStrings(given ?? '', expected ?? '');
  if (!expected || !given || !matches) {
    throw new AppError('unauthorized', 'bad_webhook_secret', 'missing or wrong webhook secret header');
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
