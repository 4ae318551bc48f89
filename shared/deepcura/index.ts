export { receiveGridhook, type GridhookRequest, type GridhookReceipt } from './receive-gridhook.js';
export { applyGridhook, type StoredGridhook, type GridhookApplied } from './apply-gridhook.js';
export { retryDeepCuraDelivery } from './retry-deepcura-delivery.js';
export { decryptGridhook } from './decrypt-gridhook.js';
export { deriveGridhookKey, gridhookCryptoFrom, type GridhookCrypto } from './gridhook-crypto.js';
export { gridhookNoteSchema, gridhookBodySchema, type GridhookNote } from './gridhook-schema.js';
export { encryptedPayloadOf, parseGridhookNote } from './parse-gridhook.js';
export { insertDeepCuraNote, type NewDeepCuraNote, type InsertedNote } from './insert-deepcura-note.js';
export { duplicateGridhookNote, type GridhookDuplicate } from './settle-duplicate-gridhook.js';
export {
  linkDeepCuraNote,
  linkPendingDeepCuraNotes,
  linkPendingNotesForClinicalNote,
  type LinkResult,
  type LinkableClinicalNote,
} from './link-deepcura-note.js';
export { listDeepCuraNotes, type DeepCuraNoteSummary } from './list-deepcura-notes.js';
export { DEEPCURA_SECRET_NAME, loadDeepCuraSecret } from './deepcura-secret.js';
export type { GridhookDeps } from './gridhook-deps.js';
