// DRX External API v1 sandbox: a real HTTP server with generated stores and
// injectable faults, for tests, benchmarks and `npm start`.
export { startDrxSandbox } from './server.js';
export type { DrxSandbox, SandboxServerOptions } from './server.js';
export type { SandboxStore, SandboxData, StoreStats } from './sandbox-store.js';
export type { SandboxStoreOptions } from './store-options.js';
export type { FaultPlan, InjectedFailure, InjectedStatus } from './fault-plan.js';
export type { AddPrescriptionInput } from './store-mutations.js';
export type { WebhookSubscription } from './webhook-registry.js';
export type { WebhookDelivery, WebhookFetch } from './webhook-dispatcher.js';
export { generateNpi, isValidNpi } from './npi.js';
export { createPrng } from './prng.js';
export type { Prng } from './prng.js';
export { FILL_STATUSES, WEBHOOK_EVENTS } from './wire.js';
export type {
  Address,
  Doctor,
  DoctorRef,
  Fill,
  FillStatus,
  FillSummary,
  PatientRef,
  PrescribedItem,
  Prescription,
  WebhookEvent,
} from './wire.js';
