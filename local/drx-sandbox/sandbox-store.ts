// The programmatic face of one sandbox store, used by tests and benchmarks.
import type { FaultPlan } from './fault-plan.js';
import type { AddPrescriptionInput } from './store-mutations.js';
import type { WebhookDelivery } from './webhook-dispatcher.js';
import type { WebhookSubscription } from './webhook-registry.js';
import type { Doctor, Fill, FillStatus, Prescription } from './wire.js';

/** Request counters; `byPath` is keyed by route, e.g. '/prescriptions' or '/doctor/:id'. */
export interface StoreStats {
  requests: number;
  byPath: Record<string, number>;
  rateLimited: number;
}

/** The store's records in API order (live objects: read, do not mutate). */
export interface SandboxData {
  doctors: readonly Doctor[];
  prescriptions: readonly Prescription[];
  fills: readonly Fill[];
}

/** One store of the sandbox. */
export interface SandboxStore {
  readonly slug: string;
  readonly apiKey: string;
  /** The fault plan with whatever `times` remain. */
  readonly faults: FaultPlan;
  /** Replaces the fault plan. */
  setFaults(plan: FaultPlan): void;
  /** Counters since the store was made or last reset. */
  stats(): StoreStats;
  /** Zeroes the counters. */
  resetStats(): void;
  /** Adds a prescription with one fill dated now; fires `Prescription Created` and the fill's status event. */
  addPrescription(input?: AddPrescriptionInput): Prescription;
  /** Changes a fill's status and updated_at; fires the event named by the status. */
  setFillStatus(fillId: number, status: FillStatus): Fill;
  /** Adds a fill dated yesterday, updated now; no webhook. */
  addLateFill(prescriptionId: number): Fill;
  /** Edits a fraction of valid prescriptions without adding fills; returns their ids. */
  changePrescriptions(fraction: number): number[];
  /** Edits a fraction of valid fills (status or quantity); returns their ids. */
  changeFills(fraction: number): number[];
  /** Registered webhook subscriptions. */
  webhooks(): WebhookSubscription[];
  /** Every webhook delivery attempt so far. */
  deliveries(): WebhookDelivery[];
  /** Resolves when every webhook delivery started so far has finished. */
  flushWebhooks(): Promise<void>;
  /** Read access to the records. */
  readonly data: SandboxData;
}
