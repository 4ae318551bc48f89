/**
 * The retry queue's handler for source 'drx': re-applies a stored delivery
 * from what was stored (parsed payload, else the raw body) through the same
 * apply step as the first attempt. The worker marks it and writes the log row.
 */
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log/logger.js';
import type { ClaimedEvent } from '../retry-queue/claim-due.js';
import type { RetryHandler } from '../retry-queue/retry-worker.js';
import { storedPayload } from '../retry-queue/stored-payload.js';
import type { Clock } from '../time/clock.js';
import { applyDrxRecord } from './apply-drx-record.js';
import { resolveEvent } from './delivery-event.js';

export interface DrxRetryDeps {
  db: Db;
  clock: Clock;
  log?: Logger;
}

/** Kinds are stored as `drx.<event>` by the receiver. */
const KIND_PREFIX = 'drx.';

/**
 * A RetryHandler for DRX deliveries. An invalid record or unparsable body
 * throws a permanent/input AppError (dead-lettered at once); anything the
 * database throws is transient and retried by the schedule.
 */
export function retryDrxDelivery(deps: DrxRetryDeps): RetryHandler {
  return async (event: ClaimedEvent) => {
    if (event.pharmacy_id === null) {
      throw new AppError('permanent', 'bad_payload', 'stored DRX delivery has no pharmacy');
    }
    const payload = payloadOf(event);
    const name = event.kind.startsWith(KIND_PREFIX) ? event.kind.slice(KIND_PREFIX.length) : resolveEvent(undefined, payload);
    const pharmacyId = event.pharmacy_id;
    const result = await deps.db
      .transaction()
      .execute((trx) => applyDrxRecord(trx, { pharmacyId, event: name, payload }, deps.clock.now()));
    if (!result.ok) throw new AppError('permanent', 'invalid_record', result.reason);
    deps.log?.info('DRX delivery re-applied', { syncEventId: event.id, created: result.counts.created, updated: result.counts.updated });
    return 'applied';
  };
}

function payloadOf(event: ClaimedEvent): unknown {
  const stored = storedPayload(event);
  if (stored.ok) return stored.payload;
  if (stored.missing === 'no_body') throw new AppError('permanent', 'bad_payload', 'stored DRX delivery has no body (removed by retention?)');
  throw new AppError('input', 'bad_json', 'body is not valid JSON');
}
