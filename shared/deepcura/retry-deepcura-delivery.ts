/** The retry worker's handler for source 'deepcura': re-open and apply a stored gridhook (current crypto settings). */
import { AppError } from '../errors/app-error.js';
import type { ClaimedEvent } from '../retry-queue/claim-due.js';
import { applyGridhook } from './apply-gridhook.js';
import type { GridhookDeps } from './gridhook-deps.js';

/**
 * Returns the handler; a replayed dead letter is decrypted with today's
 * settings, so fixing DEEPCURA_* and replaying recovers notes that failed to open.
 */
export function retryDeepCuraDelivery(deps: GridhookDeps): (event: ClaimedEvent) => Promise<'applied' | 'ignored'> {
  return async (event) => {
    if (event.raw_body === null) {
      throw new AppError('permanent', 'bad_payload', 'bad_payload: the raw gridhook is no longer stored (retention)');
    }
    await applyGridhook(
      deps,
      { eventId: event.id, rawBody: event.raw_body, correlationId: event.correlation_id, startedAt: deps.clock.now() },
      'retry',
    );
    return 'applied';
  };
}
