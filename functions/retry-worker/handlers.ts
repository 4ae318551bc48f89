/** Which handler re-processes a queued item, by sync_events.source. */
import { retryDeepCuraDelivery } from '../../shared/deepcura/index.js';
import { retryDrChronoDelivery } from '../../shared/drchrono-webhooks/index.js';
import { retryDrxDelivery } from '../../shared/drx-webhooks/retry-drx-delivery.js';
import type { RetryHandler } from '../../shared/retry-queue/retry-worker.js';
import type { Runtime } from '../../shared/runtime/runtime.js';

/** The handlers this deployment has; a source missing here is never claimed and stays in the queue untouched. */
export function createRetryHandlers(rt: Runtime): Partial<Record<string, RetryHandler>> {
  return {
    drx: retryDrxDelivery({ db: rt.db, log: rt.log, clock: rt.clock }),
    // The Runtime carries everything both need (db, secrets, clock, log, config).
    drchrono: retryDrChronoDelivery(rt),
    deepcura: retryDeepCuraDelivery(rt),
  };
}
