export { addPharmacy, type AddPharmacyResult } from './add-pharmacy.js';
export {
  addPharmacyInputSchema,
  PHARMACY_ID_PATTERN,
  DRX_API_KEY_PATTERN,
  type AddPharmacyInput,
} from './add-pharmacy-input.js';
export type { AddPharmacyDeps, OnboardingDrxClient } from './add-pharmacy-deps.js';
export { onboardingDeps } from './onboarding-deps.js';
export { registerDrxWebhooks, drxWebhookUrl, WEBHOOK_SECRET_HEADER, type WebhookRegistration } from './register-drx-webhooks.js';
export { resolveApiKey, apiKeyEnvName, type ApiKeySources } from './resolve-api-key.js';
