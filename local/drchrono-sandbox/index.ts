// DrChrono API v4 sandbox (one API application serving many practices) and the
// Deep Cura gridhook sender, for tests, benchmarks and `npm start`.
export { startDrChronoSandbox } from './server.js';
export type { DrChronoSandboxOptions } from './server.js';
export type { DrChronoSandbox } from './sandbox-facade.js';
export type { SandboxPractice, PracticeSnapshot } from './sandbox-practice.js';
export type { PracticeOptions } from './practice-options.js';
export type { DrChronoFaultPlan, InjectedFailure, InjectedStatus } from './fault-plan.js';
export type { SandboxStats } from './sandbox-stats.js';
export type { WebhookConfig, WebhookDelivery } from './webhook-sender.js';
export { hmacHex, signatureFor } from './webhook-signing.js';
export type { SignatureMode } from './webhook-signing.js';
export type { TokenAnswer } from './token-authority.js';
export type { ListEnvelope } from './list-paging.js';
export { DRCHRONO_EVENTS } from './wire.js';
export type {
  Allergy,
  Appointment,
  ClinicalNote,
  ClinicalNoteSection,
  CurrentUser,
  Doctor,
  DrChronoEvent,
  Insurance,
  LineItem,
  LineItemDeletion,
  Medication,
  Office,
  Patient,
  PatientInsurance,
  Problem,
} from './wire.js';
export { encryptGridhookBytes, encryptGridhookPayload, gridhookKey, sendGridhook } from './gridhook-sender.js';
export type { GridhookCryptoOptions, GridhookKeyDerivation, SendGridhookOptions } from './gridhook-sender.js';
export { buildDeepCuraNote } from './deepcura-note.js';
export type { DeepCuraNote, DeepCuraNoteTarget } from './deepcura-note.js';
