export { DRCHRONO_PATHS, type DrChronoApi, type ListPage, type ListQuery } from './drchrono-api.js';
export type { MirrorKind, MirrorRowByKind, PatientRow, AppointmentRow, ClinicalNoteRow, MedicationRow, ProblemRow, AllergyRow, InsuranceRow, LineItemRow } from './rows.js';
export { mapMirror, type MirrorResult } from './map-mirror.js';
export { mapPatient } from './map-patient.js';
export { mapAppointment, type AppointmentMapResult } from './map-appointment.js';
export { mapClinicalNote } from './map-clinical-note.js';
export { mapMedication } from './map-medication.js';
export { mapProblem } from './map-problem.js';
export { mapAllergy } from './map-allergy.js';
export { mapLineItem } from './map-line-item.js';
export { mapInsurances, type InsuranceRead, type InsuranceSlot } from './map-insurances.js';
export type { MirrorMapResult } from './mirror-map-result.js';
export * from './wire-schemas.js';
export * from './wire-envelopes.js';
export { createTokenManager, type TokenManager, type TokenManagerDeps } from './token-manager.js';
export {
  DRCHRONO_CLIENT_SECRET_NAME,
  drchronoTokensSecretName,
  readTokens,
  writeTokens,
  readClientCredentials,
  writeClientCredentials,
  tokensFromAnswer,
  type StoredTokens,
  type ClientCredentials,
} from './token-secrets.js';
export { requestToken, type TokenGrant, type TokenEndpoint } from './oauth-token-endpoint.js';
export { consumeHourly, exhaustHourly, hourStart, practiceBudgetKey, budgetExhaustedError, type HourlyConsume } from './hourly-budget.js';
export { practiceBudget } from './practice-budget.js';
export { createDrChronoRequester, DRCHRONO_MAX_ATTEMPTS, DRCHRONO_MAX_RETRY_MS, type DrChronoRequester, type RequesterOptions, type SendRequest } from './drchrono-requester.js';
export { createDrChronoHttpClient, sinceParam, BULK_POLL_MS, BULK_MAX_POLLS, BULK_PAGE_SIZE } from './drchrono-http-client.js';
export { openDrChronoApi, type OpenDrChronoApiDeps } from './open-drchrono-api.js';
