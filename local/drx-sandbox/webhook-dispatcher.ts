// Delivers webhook POSTs the way DRX does (static shared-secret header, no
// signature), logs every attempt, and lets tests await in-flight deliveries.
import type { WebhookSubscription } from './webhook-registry.js';
import type { WebhookEvent } from './wire.js';

/** The slice of `fetch` delivery uses, so tests may hand in a stand-in. */
export type WebhookFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** One delivery attempt: `status` when the receiver answered, `error` when it did not. */
export interface WebhookDelivery {
  event: WebhookEvent;
  url: string;
  status?: number;
  error?: string;
}

// A receiver that never answers must not hang flushWebhooks() or close().
const DELIVERY_TIMEOUT_MS = 5_000;

/** Sends webhooks without ever throwing into the caller. */
export class WebhookDispatcher {
  private readonly log: WebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly fetchFn: WebhookFetch) {}

  /** Starts one POST per subscription; the promises are tracked for flush(). */
  dispatch(subs: readonly WebhookSubscription[], event: WebhookEvent, body: unknown): void {
    const json = JSON.stringify(body);
    for (const sub of subs) {
      const p = this.deliver(sub, event, json).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  /** Every attempt so far, oldest first. */
  deliveries(): WebhookDelivery[] {
    return this.log.map((d) => ({ ...d }));
  }

  /** Resolves when every delivery started so far has finished. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliver(sub: WebhookSubscription, event: WebhookEvent, json: string): Promise<void> {
    try {
      const res = await this.fetchFn(sub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [sub.header_key]: sub.header_value },
        body: json,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      // Drain the body so the connection is released.
      await res.arrayBuffer().catch(() => undefined);
      this.log.push({ event, url: sub.url, status: res.status });
    } catch (err) {
      this.log.push({ event, url: sub.url, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
