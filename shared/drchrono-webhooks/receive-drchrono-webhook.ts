/**
 * A DrChrono webhook delivery, end to end: verify the signature (either
 * accepted form, constant time), store the raw delivery once under its
 * delivery id, then process it before answering (work after the response is
 * CPU-throttled on Cloud Functions) while keeping it to one object. Nothing
 * verified is lost: failures go to the retry queue, unroutable ones wait for review.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SignatureForm, SyncEventStatus } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import { recordFailure } from '../retry-queue/mark-failed.js';
import { readSecretCached } from './cached-secret.js';
import type { ClinicDeliveryLog } from './clinic-delivery-log.js';
import { writeIntegrationLog, type IntegrationLogRow } from '../db/write-integration-log.js';
import { storeIgnoredDelivery } from './store-ignored-delivery.js';
import { settleClinicEvent, storeClinicEvent, type ClinicEventInput } from './clinic-events.js';
import { planFor } from './event-plan.js';
import { deliveryKey } from './delivery-key.js';
import { processDrChronoDelivery, type ProcessOutcome } from './process-delivery.js';
import { DRCHRONO_WEBHOOK_SECRET_NAME, matchSignature } from './webhook-signature.js';
import type { DrChronoWebhookDeps } from './webhook-deps.js';

type LogEntry = Pick<ClinicDeliveryLog, 'practiceId' | 'stream' | 'status' | 'counts' | 'errorCode' | 'error'> & { details?: Record<string, unknown> };

export interface DrChronoDelivery {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  correlationId: string;
}

export type DrChronoReceipt =
  | { received: true; duplicate: true; status: SyncEventStatus; eventId: string }
  | { received: true; duplicate: false; status: 'applied' | 'ignored' | 'unroutable'; eventId: string; event: string; signatureForm: SignatureForm }
  | { received: true; duplicate: false; status: 'failed' | 'dead'; eventId: string; event: string; signatureForm: SignatureForm; retryAt: string | null };

/** Verifies, stores and processes one delivery; throws 401 (nothing stored), 400 bad_json (stored, dead) or 503 (secret unset). */
export async function receiveDrChronoWebhook(deps: DrChronoWebhookDeps, delivery: DrChronoDelivery): Promise<DrChronoReceipt> {
  const newId = deps.newId ?? randomUUID;
  const startedAt = deps.clock.now();
  const secret = await readSecretCached(deps.secrets, DRCHRONO_WEBHOOK_SECRET_NAME, deps.clock);
  if (!secret) throw new AppError('retryable', 'secret_missing', `secret ${DRCHRONO_WEBHOOK_SECRET_NAME} is not set`);
  const signatureForm = matchSignature(header(delivery.headers, 'x-drchrono-signature'), delivery.rawBody, secret);
  if (!signatureForm) throw new AppError('unauthorized', 'bad_signature', 'missing or wrong X-drchrono-signature');

  const event = eventName(header(delivery.headers, 'x-drchrono-event'));
  const key = deliveryKey(header(delivery.headers, 'x-drchrono-delivery'), delivery.rawBody);
  const rawBody = delivery.rawBody.toString('utf8');
  const payload = parseOrUndefined(rawBody);
  const eventId = newId();
  const input: ClinicEventInput = {
    id: eventId,
    source: 'drchrono',
    kind: event,
    idempotencyKey: key.key,
    idempotencySource: key.source,
    signatureForm,
    correlationId: delivery.correlationId,
    rawBody,
    payload: payload ?? null,
    receivedAt: startedAt,
  };
  let syncEventId = eventId;
  const logRow = (entry: LogEntry): IntegrationLogRow => ({
    id: newId(),
    correlationId: delivery.correlationId,
    source: 'drchrono',
    kind: 'webhook',
    pharmacyId: null,
    startedAt,
    finishedAt: deps.clock.now(),
    ...entry,
    details: { event, syncEventId, signatureForm, ...entry.details },
  });
  const writeLog = (entry: LogEntry) => writeIntegrationLog(deps.db, logRow(entry));

  const ignoreReason = payload !== undefined && planFor(event).action === 'ignore' ? (event === 'PING' ? 'ping' : 'event_not_mirrored') : null;
  if (ignoreReason) {
    if (await storeIgnoredDelivery(deps.db, { ...input, ignoredBecause: ignoreReason, finishedAt: deps.clock.now() })) {
      // Debug, not info: these are most of a busy feed, and sync_events plus integration_logs already record each one.
      deps.log.debug('DrChrono delivery ignored', { syncEventId: eventId, event, reason: ignoreReason, correlationId: delivery.correlationId });
      return { received: true, duplicate: false, status: 'ignored', eventId, event, signatureForm };
    }
  }
  const stored = await storeClinicEvent(deps.db, input);
  if (!stored.inserted) syncEventId = stored.existingId;
  const log = deps.log.child({ syncEventId, event, correlationId: delivery.correlationId });

  if (!stored.inserted) {
    await writeLog({ practiceId: null, stream: null, status: 'succeeded', counts: { unchanged: 1 }, details: { duplicate: true } });
    log.info('duplicate DrChrono delivery', { status: stored.status });
    return { received: true, duplicate: true, status: stored.status, eventId: stored.existingId };
  }
  const base = { received: true as const, duplicate: false as const, eventId, event, signatureForm };
  let outcome: ProcessOutcome;
  try {
    if (payload === undefined) throw new AppError('permanent', 'bad_payload', 'bad_payload: body is not valid JSON');
    outcome = await processDrChronoDelivery(deps, { eventId, event, payload, correlationId: delivery.correlationId, startedAt }, 'live');
  } catch (err) {
    const failed = await recordFailure(deps.db, eventId, err, deps.clock.now());
    const routed = await deps.db.selectFrom('sync_events').select('practice_id').where('id', '=', eventId).executeTakeFirst();
    await writeLog({ practiceId: routed?.practice_id ?? null, stream: null, status: 'failed', counts: { fetched: 1, failed: 1 }, errorCode: failed.errorCode, error: failed.error });
    log.warn('DrChrono delivery not applied; kept', { errorCode: failed.errorCode, queueStatus: failed.status });
    if (payload === undefined) throw new AppError('input', 'bad_json', 'body is not valid JSON', { stored: true, eventId });
    return { ...base, status: failed.status, retryAt: failed.nextAttemptAt?.toISOString() ?? null };
  }
  if (outcome.status === 'applied') {
    log.info('DrChrono delivery applied', { practiceId: outcome.practiceId, table: outcome.table, operation: outcome.operation });
    return { ...base, status: 'applied' };
  }
  const at = deps.clock.now();
  if (outcome.status === 'ignored') {
    await settleClinicEvent(deps.db, { id: eventId, status: 'ignored', at, note: outcome.reason });
    await writeLog({ practiceId: null, stream: null, status: 'succeeded', counts: { unchanged: 1 }, details: { ignored: outcome.reason } });
    log.info('DrChrono delivery ignored', { reason: outcome.reason });
    return { ...base, status: 'ignored' };
  }
  const note = 'no practice route for its doctor or office, and no stored patient or appointment';
  await settleClinicEvent(deps.db, { id: eventId, status: 'unroutable', at, note });
  await writeLog({ practiceId: null, stream: outcome.table, status: 'failed', counts: { fetched: 1, failed: 1 }, errorCode: 'unroutable_delivery', error: note });
  log.warn('DrChrono delivery unroutable; kept for review', { table: outcome.table });
  return { ...base, status: 'unroutable' };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The event header as a storable kind; anything odd (or absent) is stored as 'UNKNOWN', and so ignored. */
function eventName(value: string | undefined): string {
  const v = value?.trim() ?? '';
  return /^[A-Za-z0-9_.-]{1,100}$/.test(v) ? v : 'UNKNOWN';
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
