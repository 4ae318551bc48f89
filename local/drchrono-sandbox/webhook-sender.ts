// DrChrono's side of webhooks for one API application: the verification
// handshake, signed deliveries with a delivery id, redelivery of the same
// delivery by hand, and a log tests can read.
import { randomBytes, randomUUID } from 'node:crypto';
import { hmacHex, signatureFor } from './webhook-signing.js';
import type { SignatureMode } from './webhook-signing.js';

/** The webhook settings of the API application. */
export interface WebhookConfig {
  url: string;
  secretToken: string;
  /** Default 'hmac'. */
  signatureMode?: SignatureMode;
  /** Events to send; absent means every event. */
  events?: string[];
}

/** One delivery attempt: `status` when the receiver answered, `error` when it did not. */
export interface WebhookDelivery {
  deliveryId: string;
  event: string;
  url: string;
  /** 1 for the first attempt, 2 for the first redelivery, ... */
  attempt: number;
  headers: Record<string, string>;
  body: string;
  status?: number;
  error?: string;
}

// A receiver that never answers must not hang flushWebhooks() or close().
const DELIVERY_TIMEOUT_MS = 5_000;

/** Sends webhooks without ever throwing into the caller (except for misuse). */
export class WebhookSender {
  private cfg: WebhookConfig | undefined;
  private receiverId = 0;
  private readonly log: WebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<WebhookDelivery>>();

  /** Sets (or replaces) the callback URL, secret and signature mode. */
  configure(cfg: WebhookConfig): void {
    this.cfg = { ...cfg };
    this.receiverId += 1;
  }

  /** True once setWebhook has been called. */
  get configured(): boolean {
    return this.cfg !== undefined;
  }

  /** DrChrono's handshake: GET url?msg=<random>, answer must be {"secret_token": hmac(msg)}. */
  async verify(): Promise<boolean> {
    const cfg = this.required();
    const msg = randomBytes(16).toString('hex');
    const url = new URL(cfg.url);
    url.searchParams.set('msg', msg);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
      const body: unknown = await res.json().catch(() => null);
      const token = body !== null && typeof body === 'object' ? (body as { secret_token?: unknown }).secret_token : undefined;
      return res.ok && token === hmacHex(cfg.secretToken, msg);
    } catch {
      return false;
    }
  }

  /** Starts a delivery of `event` and returns its id; undefined when no webhook is set or the event is not subscribed. */
  send(event: string, object: unknown): string | undefined {
    const cfg = this.cfg;
    if (!cfg || (cfg.events && !cfg.events.includes(event))) return undefined;
    return this.start(cfg, event, object);
  }

  /** Sends a PING delivery (whatever the event filter) and waits for its answer. */
  async ping(): Promise<WebhookDelivery> {
    const id = this.start(this.required(), 'PING', {});
    await this.flush();
    return this.latest(id);
  }

  private start(cfg: WebhookConfig, event: string, object: unknown): string {
    const body = JSON.stringify({ receiver: { id: this.receiverId, url: cfg.url }, object });
    const deliveryId = randomUUID();
    const headers = {
      'content-type': 'application/json',
      'x-drchrono-event': event,
      'x-drchrono-signature': signatureFor(cfg.signatureMode ?? 'hmac', cfg.secretToken, body),
      'x-drchrono-delivery': deliveryId,
    };
    void this.track(this.attempt({ deliveryId, event, url: cfg.url, attempt: 1, headers, body }));
    return deliveryId;
  }

  /** Resends an earlier delivery byte for byte, same delivery id; waits for the answer. */
  async redeliver(deliveryId: string): Promise<WebhookDelivery> {
    const first = this.log.find((d) => d.deliveryId === deliveryId);
    if (!first) throw new Error(`no delivery ${deliveryId}`);
    const attempt = this.log.filter((d) => d.deliveryId === deliveryId).length + 1;
    const { status: _s, error: _e, ...request } = first;
    return this.track(this.attempt({ ...request, attempt }));
  }

  /** Every attempt that has finished, oldest first. */
  deliveries(): WebhookDelivery[] {
    return this.log.map((d) => ({ ...d, headers: { ...d.headers } }));
  }

  /** Resolves when every delivery started so far has finished. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private required(): WebhookConfig {
    if (!this.cfg) throw new Error('no webhook configured: call setWebhook first');
    return this.cfg;
  }

  private latest(deliveryId: string): WebhookDelivery {
    const found = this.log.filter((d) => d.deliveryId === deliveryId).at(-1);
    if (!found) throw new Error(`no delivery ${deliveryId}`);
    return { ...found };
  }

  private track(p: Promise<WebhookDelivery>): Promise<WebhookDelivery> {
    const tracked = p.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  private async attempt(request: Omit<WebhookDelivery, 'status' | 'error'>): Promise<WebhookDelivery> {
    let done: WebhookDelivery;
    try {
      const res = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      // Drain the body so the connection is released.
      await res.arrayBuffer().catch(() => undefined);
      done = { ...request, status: res.status };
    } catch (err) {
      done = { ...request, error: err instanceof Error ? err.message : String(err) };
    }
    this.log.push(done);
    return { ...done };
  }
}
