export { withActor, type EhrActor } from './with-actor.js';
export { upsertMirror, type MirrorChange, type UpsertMirrorResult } from './upsert-mirror.js';
export { markDeleted, markMissingDeleted, type PatientListKind } from './mark-deleted.js';
export { upsertInsurances, type UpsertInsurancesResult } from './upsert-insurances.js';
export { fillNoteDates } from './fill-note-dates.js';
