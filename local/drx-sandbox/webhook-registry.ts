// Webhook subscriptions of one store. DRX registers one event per
// subscription; registering the same (url, event) again replaces it.
import { z } from 'zod';
import { WEBHOOK_EVENTS } from './wire.js';
import type { WebhookEvent } from './wire.js';

/** A registered subscription, as GET /webhooks lists it. */
export interface WebhookSubscription {
  id: number;
  url: string;
  header_key: string;
  header_value: string;
  event: WebhookEvent;
}

/** Checks a POST /webhooks body. */
export const webhookBodySchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  header_key: z.string().min(1),
  header_value: z.string(),
  event: z.enum(WEBHOOK_EVENTS),
});

/** The subscriptions of one store. */
export class WebhookRegistry {
  private readonly subs: WebhookSubscription[] = [];
  private lastId = 0;

  /** Registers (or replaces, keeping its id) the subscription for (url, event). */
  register(input: Omit<WebhookSubscription, 'id'>): WebhookSubscription {
    const existing = this.subs.find((s) => s.url === input.url && s.event === input.event);
    if (existing) {
      existing.header_key = input.header_key;
      existing.header_value = input.header_value;
      return { ...existing };
    }
    const sub = { id: ++this.lastId, ...input };
    this.subs.push(sub);
    return { ...sub };
  }

  /** Removes a subscription; false when there is none with that id. */
  remove(id: number): boolean {
    const index = this.subs.findIndex((s) => s.id === id);
    if (index < 0) return false;
    this.subs.splice(index, 1);
    return true;
  }

  /** Every subscription, in registration order. */
  list(): WebhookSubscription[] {
    return this.subs.map((s) => ({ ...s }));
  }

  /** The subscriptions for one event. */
  forEvent(event: string): WebhookSubscription[] {
    return this.subs.filter((s) => s.event === event).map((s) => ({ ...s }));
  }
}
