/** The ports onboarding needs (built from the Runtime by onboarding-deps.ts). */
import type { Db } from '../db/create-db.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';
import type { DrxWebhookEvent } from '../drx/webhook-events.js';
import type { DrxClientTarget } from '../runtime/drx-client-for.js';

/** The DRX calls onboarding makes. */
export interface OnboardingDrxClient {
  heartbeat(signal?: AbortSignal): Promise<unknown>;
  registerWebhook(input: { url: string; headerKey: string; headerValue: string; event: DrxWebhookEvent }): Promise<{ id: string }>;
}

export interface AddPharmacyDeps {
  db: Db;
  secrets: SecretStore;
  log: Logger;
  clock: Clock;
  drxClient(target: DrxClientTarget): OnboardingDrxClient;
  /** 32 random bytes, hex: the webhook header secret. */
  newWebhookSecret(): string;
  settings: {
    defaultBaseUrl: string;
    defaultRequestsPerSecond: number;
    defaultSyncIntervalMinutes: number;
    /** Where DRX can reach our drx-webhook function; unset = no webhooks. */
    publicBaseUrl: string | undefined;
    webhooksEnabled: boolean;
  };
}
