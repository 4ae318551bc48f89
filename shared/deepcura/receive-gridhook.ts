/**
 * A Deep Cura gridhook, end to end: authenticate the shared-secret header
 * (constant time), store the raw request before reading it, then apply it.
 * Nothing authenticated is lost: a payload that does not decrypt or parse is
 * kept and dead-lettered with its reason; any other failure goes to the retry queue.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SyncEventStatus } from '../db/database.js';
import { writeClinicDeliveryLog } from '../drchrono-webhooks/clinic-delivery-log.js';
import { storeClinicEvent } from '../drchrono-webhooks/clinic-events.js';
import { AppError } from '../errors/app-error.js';
import { timingSafeEqualStrings } from '../http/timing-safe-equal.js';
import { recordFailure } from '../retry-queue/mark-failed.js';
import { applyGridhook } from './apply-gridhook.js';
import { loadDeepCuraSecret } from './deepcura-secret.js';
import type { GridhookDeps } from './gridhook-deps.js';

export interface GridhookRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  correlationId: string;
}

export type GridhookReceipt =
  | { received: true; duplicate: true; status: SyncEventStatus; eventId: string }
  // A new body around a stored note's plaintext (resent under a new IV): kept as `eventId`, settled 'ignored'.
  | { received: true; duplicate: true; status: 'ignored'; eventId: string; noteId: string; firstEventId: string }
  | { received: true; duplicate: false; status: 'applied'; eventId: string; noteId: string; linked: 'appointment' | 'patient_date' | null }
  | { received: true; duplicate: false; status: 'failed' | 'dead'; eventId: string; retryAt: string | null };

const SECRET_HEADER = 'x-deepcura-secret';

/** Authenticates, stores and applies one gridhook; throws 401, or 422 (decrypt_failed / bad_payload, kept dead). */
export async function receiveGridhook(deps: GridhookDeps, req: GridhookRequest): Promise<GridhookReceipt> {
  const newId = deps.newId ?? randomUUID;
  const startedAt = deps.clock.now();
  const secret = await loadDeepCuraSecret(deps.secrets, deps.clock);
  const sent = req.headers[SECRET_HEADER];
  const given = Array.isArray(sent) ? sent[0] : sent;
  if (!given || !timingSafeEqualStrings(given, secret)) {
    throw new AppError('unauthorized', 'bad_webhook_secret', `missing or wrong ${SECRET_HEADER} header`);
  }
  const eventId = newId();
  const rawBody = req.rawBody.toString('utf8');
  const stored = await storeClinicEvent(deps.db, {
    id: eventId,
    source: 'deepcura',
    kind: 'gridhook',
    idempotencyKey: `sha256:${createHash('sha256').update(req.rawBody).digest('hex')}`,
    idempotencySource: 'body_sha256',
    correlationId: req.correlationId,
    rawBody,
    payload: null,
    receivedAt: startedAt,
  });
  const log = deps.log.child({ syncEventId: stored.inserted ? eventId : stored.existingId, correlationId: req.correlationId });
  if (!stored.inserted) {
    log.info('duplicate gridhook', { status: stored.status });
    return { received: true, duplicate: true, status: stored.status, eventId: stored.existingId };
  }
  try {
    const applied = await applyGridhook(deps, { eventId, rawBody, correlationId: req.correlationId, startedAt }, 'live');
    if (applied.outcome === 'duplicate') {
      log.info('gridhook repeats a stored note; no second note', { noteId: applied.noteId, firstEventId: applied.firstEventId });
      return { received: true, duplicate: true, status: 'ignored', eventId, noteId: applied.noteId, firstEventId: applied.firstEventId };
    }
    log.info('gridhook applied', { linked: applied.link?.method ?? 'none' });
    return { received: true, duplicate: false, status: 'applied', eventId, noteId: applied.noteId, linked: applied.link?.method ?? null };
  } catch (err) {
    const at = deps.clock.now();
    const outcome = await recordFailure(deps.db, eventId, err, at);
    await writeClinicDeliveryLog(deps.db, {
      id: newId(),
      correlationId: req.correlationId,
      source: 'deepcura',
      kind: 'webhook',
      practiceId: null,
      stream: 'deepcura_notes',
      status: 'failed',
      startedAt,
      finishedAt: at,
      counts: { fetched: 1, failed: 1 },
      errorCode: outcome.errorCode,
      error: outcome.error,
      details: { syncEventId: eventId, queueStatus: outcome.status },
    });
    log.warn('gridhook not applied; kept', { errorCode: outcome.errorCode, queueStatus: outcome.status });
    if (err instanceof AppError && (err.code === 'decrypt_failed' || err.code === 'bad_payload')) {
      throw new AppError('permanent', err.code, outcome.error, { stored: true, eventId, status: outcome.status });
    }
    return { received: true, duplicate: false, status: outcome.status, eventId, retryAt: outcome.nextAttemptAt?.toISOString() ?? null };
  }
}
