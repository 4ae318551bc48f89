/** The retry worker's handler for source 'drchrono': process a stored delivery again, from its stored body. */
import { AppError } from '../errors/app-error.js';
import type { ClaimedEvent } from '../retry-queue/claim-due.js';
import { storedPayload } from '../retry-queue/stored-payload.js';
import { processDrChronoDelivery } from './process-delivery.js';
import type { DrChronoWebhookDeps } from './webhook-deps.js';

/**
 * Returns the handler. The worker marks the outcome and writes the 'retry' log
 * row; a delivery still unroutable is dead-lettered with that reason, so an
 * admin can add the practice route and replay it.
 */
export function retryDrChronoDelivery(deps: DrChronoWebhookDeps): (event: ClaimedEvent) => Promise<'applied' | 'ignored'> {
  return async (event) => {
    const outcome = await processDrChronoDelivery(
      deps,
      { eventId: event.id, event: event.kind, payload: payloadOf(event), correlationId: event.correlation_id, startedAt: deps.clock.now() },
      'retry',
    );
    if (outcome.status === 'unroutable') {
      throw new AppError('permanent', 'unroutable_delivery', `unroutable: no practice route for this ${outcome.table} delivery`);
    }
    return outcome.status;
  };
}

/** The parsed body; from the raw body when no payload was stored (one PostgreSQL's jsonb refused). */
function payloadOf(event: ClaimedEvent): unknown {
  const stored = storedPayload(event);
  if (stored.ok) return stored.payload;
  throw new AppError('permanent', 'bad_payload', 'bad_payload: no parsed body is stored for this delivery');
}
