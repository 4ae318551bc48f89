// The programmatic face of a running sandbox: what tests and `npm start` use.
import type { DrChronoFaultPlan } from './fault-plan.js';
import type { PracticeOptions } from './practice-options.js';
import type { SandboxPractice } from './sandbox-practice.js';
import type { SandboxState } from './sandbox-state.js';
import type { SandboxStats } from './sandbox-stats.js';
import type { WebhookConfig, WebhookDelivery } from './webhook-sender.js';

/** A running DrChrono sandbox (one API application). */
export interface DrChronoSandbox {
  /** Main origin, e.g. http://127.0.0.1:54321 (the API base URL: /o/token/, /api/...). */
  url: string;
  /** The second origin GET /api/clinical_notes redirects to. */
  redirectOrigin: string;
  oauth: {
    clientId: string;
    clientSecret: string;
    /** A single-use authorization code for the practice (what the consent screen would hand back). */
    issueCode(practiceId: string): string;
    /** Retires every token of the practice: its next call answers 401 and its refresh token invalid_grant. */
    revokeTokens(practiceId: string): void;
  };
  /** Generates a practice; throws an Error naming the bad field, or if the id exists. */
  addPractice(opts: PracticeOptions): SandboxPractice;
  /** The practice with that id; throws if unknown. */
  practice(id: string): SandboxPractice;
  /** Replaces the fault plan. */
  setFaults(plan: DrChronoFaultPlan): void;
  /** The fault plan with whatever `times` remain. */
  faults(): DrChronoFaultPlan;
  stats(): SandboxStats;
  resetStats(): void;
  /** Sets the webhook of the API application (callback URL, secret token, signature form). */
  setWebhook(cfg: WebhookConfig): void;
  /** The verification handshake; true when the receiver answered the right secret_token. */
  verifyWebhook(): Promise<boolean>;
  /** Sends a PING and waits for its answer. */
  sendPing(): Promise<WebhookDelivery>;
  /** Sends any event (TASK_*, unknown names...) with `object`; returns the delivery id. Throws without a webhook. */
  fireEvent(event: string, object: unknown): string;
  /** Resends a delivery with the same id, headers and body; waits for the answer. */
  redeliver(deliveryId: string): Promise<WebhookDelivery>;
  /** Every finished delivery attempt, oldest first. */
  deliveries(): WebhookDelivery[];
  /** Resolves when every delivery started so far has finished. */
  flushWebhooks(): Promise<void>;
  /** Waits for webhook deliveries, then closes both origins. */
  close(): Promise<void>;
}

/** Wraps the state in the public interface. */
export function exposeSandbox(
  state: SandboxState,
  origin: { url: string; redirectOrigin: string; close(): Promise<void> },
): DrChronoSandbox {
  const hooks = state.webhooks;
  return {
    url: origin.url,
    redirectOrigin: origin.redirectOrigin,
    oauth: {
      clientId: state.client.clientId,
      clientSecret: state.client.clientSecret,
      issueCode: (practiceId) => state.authority.issueCode(state.practice(practiceId).id),
      revokeTokens: (practiceId) => state.authority.revoke(state.practice(practiceId).id),
    },
    addPractice: (opts) => state.addPractice(opts),
    practice: (id) => state.practice(id),
    setFaults: (plan) => state.faults.set(plan),
    faults: () => state.faults.current(),
    stats: () => state.stats.snapshot(state.budget.usedAt(state.now().getTime())),
    resetStats: () => state.stats.reset(),
    setWebhook: (cfg) => hooks.configure(cfg),
    verifyWebhook: () => hooks.verify(),
    sendPing: () => hooks.ping(),
    fireEvent(event, object) {
      if (!hooks.configured) throw new Error('no webhook configured: call setWebhook first');
      const id = hooks.send(event, structuredClone(object));
      if (id === undefined) throw new Error(`event ${event} is not subscribed`);
      return id;
    },
    redeliver: (id) => hooks.redeliver(id),
    deliveries: () => hooks.deliveries(),
    flushWebhooks: () => hooks.flush(),
    close: origin.close,
  };
}
