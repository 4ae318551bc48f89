// The implementation of one sandbox store: generated data, fault state,
// counters and webhooks, plus the hooks the HTTP layer needs.
import type { FaultPlan } from './fault-plan.js';
import { FaultState } from './fault-state.js';
import type { RequestPath } from './fault-state.js';
import { generateStore } from './generate-store.js';
import type { RxContext } from './prescription-factory.js';
import type { SandboxData, SandboxStore, StoreStats } from './sandbox-store.js';
import type { StoreData } from './store-data.js';
import * as mutate from './store-mutations.js';
import type { AddPrescriptionInput, MutationTarget } from './store-mutations.js';
import type { ResolvedStoreOptions } from './store-options.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import type { WebhookDelivery, WebhookFetch } from './webhook-dispatcher.js';
import { WebhookRegistry } from './webhook-registry.js';
import type { WebhookSubscription } from './webhook-registry.js';
import { isWebhookEvent } from './wire.js';
import type { Fill, FillStatus, Prescription } from './wire.js';

/** Ports a store needs: the store clock, a monotonic clock for rate limits, and fetch for webhooks. */
export interface StoreDeps {
  now: () => Date;
  monotonicMs: () => number;
  fetch: WebhookFetch;
}

/** One store; the HTTP layer uses the extra members, tests use SandboxStore. */
export class Store implements SandboxStore {
  readonly slug: string;
  readonly apiKey: string;
  readonly db: StoreData;
  readonly faultState = new FaultState();
  readonly hooks = new WebhookRegistry();
  private readonly dispatcher: WebhookDispatcher;
  private readonly ctx: RxContext;
  private counters: StoreStats = { requests: 0, byPath: {}, rateLimited: 0 };

  constructor(
    opts: ResolvedStoreOptions,
    private readonly deps: StoreDeps,
  ) {
    this.slug = opts.slug;
    this.apiKey = opts.apiKey;
    const { data, ctx } = generateStore(opts, deps.now().getTime());
    this.db = data;
    this.ctx = ctx;
    this.dispatcher = new WebhookDispatcher(deps.fetch);
  }

  get faults(): FaultPlan {
    return this.faultState.current();
  }

  setFaults(plan: FaultPlan): void {
    this.faultState.set(plan);
  }

  stats(): StoreStats {
    return { ...this.counters, byPath: { ...this.counters.byPath } };
  }

  resetStats(): void {
    this.counters = { requests: 0, byPath: {}, rateLimited: 0 };
  }

  /** Counts one request to the store's API. */
  recordRequest(path: RequestPath): void {
    this.counters.requests += 1;
    this.counters.byPath[path.route] = (this.counters.byPath[path.route] ?? 0) + 1;
  }

  /** Counts one 429, from the rate limit or an injected failure. */
  recordRateLimited(): void {
    this.counters.rateLimited += 1;
  }

  /** False when the rate limit rejects a request arriving now. */
  admit(): boolean {
    return this.faultState.admit(this.deps.monotonicMs());
  }

  addPrescription(input?: AddPrescriptionInput): Prescription {
    const t = this.target();
    const { rx, fill } = mutate.createPrescription(t, t.nowMs, input);
    this.fire('Prescription Created', rx);
    this.fire(fill.status, fill);
    return structuredClone(rx);
  }

  setFillStatus(fillId: number, status: FillStatus): Fill {
    const fill = mutate.updateFillStatus(this.target(), fillId, status);
    this.fire(status, fill);
    return structuredClone(fill);
  }

  addLateFill(prescriptionId: number): Fill {
    return structuredClone(mutate.addLateFill(this.target(), prescriptionId));
  }

  changePrescriptions(fraction: number): number[] {
    return mutate.changePrescriptions(this.target(), fraction);
  }

  changeFills(fraction: number): number[] {
    return mutate.changeFills(this.target(), fraction);
  }

  /** Inserts `count` prescriptions (one fill each) dated before the first record of a window. */
  insertBefore(firstMs: number | undefined, afterMs: number | undefined, count: number): void {
    const t = this.target();
    const floor = afterMs ?? Number.NEGATIVE_INFINITY;
    // Strictly before the window's first record if that stays inside the window;
    // otherwise the same instant (the larger id still sorts before later pages).
    const ms = firstMs === undefined ? Math.max(t.nowMs, floor + 1) : firstMs - 1 > floor ? firstMs - 1 : firstMs;
    for (let i = 0; i < count; i++) mutate.createPrescription(t, ms, { fillStatus: 'Sold' });
  }

  webhooks(): WebhookSubscription[] {
    return this.hooks.list();
  }

  deliveries(): WebhookDelivery[] {
    return this.dispatcher.deliveries();
  }

  flushWebhooks(): Promise<void> {
    return this.dispatcher.flush();
  }

  get data(): SandboxData {
    return { doctors: this.db.doctors(), prescriptions: this.db.prescriptions.all(), fills: this.db.fills.all() };
  }

  private target(): MutationTarget {
    return { data: this.db, ctx: this.ctx, nowMs: this.deps.now().getTime() };
  }

  // Statuses without a webhook event (Adjudicating) simply notify nobody.
  private fire(event: string, body: unknown): void {
    if (!isWebhookEvent(event)) return;
    this.dispatcher.dispatch(this.hooks.forEvent(event), event, structuredClone(body));
  }
}
