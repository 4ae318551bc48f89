/** Builds onboarding's ports from the Runtime. */
import { randomBytes } from 'node:crypto';
import { drxClientFor } from '../runtime/drx-client-for.js';
import type { Runtime } from '../runtime/runtime.js';
import type { AddPharmacyDeps } from './add-pharmacy-deps.js';

/** AddPharmacyDeps over the runtime's database, secret store, clock and config. */
export function onboardingDeps(rt: Runtime): AddPharmacyDeps {
  return {
    db: rt.db,
    secrets: rt.secrets,
    log: rt.log,
    clock: rt.clock,
    drxClient: (target) => drxClientFor(rt, target),
    newWebhookSecret: () => randomBytes(32).toString('hex'),
    settings: {
      defaultBaseUrl: rt.config.DRX_BASE_URL,
      defaultRequestsPerSecond: rt.config.DRX_REQUESTS_PER_SECOND,
      defaultSyncIntervalMinutes: rt.config.SYNC_INTERVAL_MINUTES,
      publicBaseUrl: rt.config.PUBLIC_BASE_URL,
      webhooksEnabled: rt.config.WEBHOOKS_ENABLED,
    },
  };
}
