/** The retry worker's handler for source 'deepcura': re-open and apply a stored gridhook (current crypto settings). */
import { AppError } from '../errors/app-error.js';
import type { RetryHandler } from '../retry-queue/retry-worker.js';
import { applyGridhook } from './apply-gridhook.js';
import type { GridhookDeps } from './gridhook-deps.js';
import { duplicateGridhookNote } from './settle-duplicate-gridhook.js';

/**
 * Returns the handler; a replayed dead letter is decrypted with today's
 * settings, so fixing DEEPCURA_* and replaying recovers notes that failed to open.
 * One whose plaintext another delivery has since stored (Deep Cura resent it
 * while this one was failing) is settled 'ignored', naming that note, as live.
 */
export function retryDeepCuraDelivery(deps: GridhookDeps): RetryHandler {
  return async (event) => {
    if (event.raw_body === null) {
      throw new AppError('permanent', 'bad_payload', 'bad_payload: the raw gridhook is no longer stored (retention)');
    }
    const applied = await applyGridhook(
      deps,
      { eventId: event.id, rawBody: event.raw_body, correlationId: event.correlation_id, startedAt: deps.clock.now() },
      'retry',
    );
    return applied.outcome === 'duplicate' ? { status: 'ignored', note: duplicateGridhookNote(applied) } : 'applied';
  };
}
