/** Subscribes our drx-webhook function to every DRX event for one pharmacy, with a static header secret. */
import { DRX_WEBHOOK_EVENTS } from '../drx/webhook-events.js';
import { AppError } from '../errors/app-error.js';
import { markWebhooksRegistered } from '../db/save-pharmacy.js';
import { drxWebhookSecretName } from '../secrets/secret-store.js';
import type { AddPharmacyDeps, OnboardingDrxClient } from './add-pharmacy-deps.js';

/** The header DRX sends with every delivery; its value is the pharmacy's webhook secret. */
export const WEBHOOK_SECRET_HEADER = 'X-RxBridge-Webhook-Secret';

export interface WebhookRegistration {
  registered: number;
  /** Why nothing (or not everything) was registered. */
  skipped?: string;
}

/** `${publicBaseUrl}/drx-webhook/<id>?event=<event>`: the event rides in the URL because DRX's body does not name it. */
export function drxWebhookUrl(publicBaseUrl: string, pharmacyId: string, event: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return `${base}/drx-webhook/${encodeURIComponent(pharmacyId)}?event=${encodeURIComponent(event)}`;
}

/**
 * Registers every DRX_WEBHOOK_EVENTS subscription, reusing the stored header
 * secret (so existing subscriptions stay valid) or generating one. A failure
 * is reported, not thrown: the pharmacy is onboarded and the scheduled sync
 * still covers everything webhooks would have brought.
 */
export async function registerDrxWebhooks(
  deps: AddPharmacyDeps,
  client: OnboardingDrxClient,
  pharmacyId: string,
): Promise<WebhookRegistration> {
  const { publicBaseUrl, webhooksEnabled } = deps.settings;
  if (!webhooksEnabled) return { registered: 0, skipped: 'WEBHOOKS_ENABLED is false' };
  if (!publicBaseUrl) return { registered: 0, skipped: 'PUBLIC_BASE_URL is not set' };

  const secretRef = drxWebhookSecretName(pharmacyId);
  let secret = await deps.secrets.get(secretRef);
  if (!secret) {
    secret = deps.newWebhookSecret();
    await deps.secrets.put(secretRef, secret);
  }
  let registered = 0;
  for (const event of DRX_WEBHOOK_EVENTS) {
    try {
      await client.registerWebhook({
        url: drxWebhookUrl(publicBaseUrl, pharmacyId, event),
        headerKey: WEBHOOK_SECRET_HEADER,
        headerValue: secret,
        event,
      });
      registered++;
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'internal';
      deps.log.warn('webhook registration failed', { pharmacyId, registered, errorCode: code });
      return { registered, skipped: `DRX refused webhook registration (${code}) after ${registered} of ${DRX_WEBHOOK_EVENTS.length}` };
    }
  }
  await markWebhooksRegistered(deps.db, pharmacyId, secretRef, deps.clock.now());
  return { registered };
}
