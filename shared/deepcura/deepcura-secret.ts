/** The Deep Cura shared secret: authenticates gridhooks and keys their encryption. */
import { AppError } from '../errors/app-error.js';
import { readSecretCached } from '../drchrono-webhooks/cached-secret.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';

/** Secret store name of the shared secret (Secret Manager in the cloud). */
export const DEEPCURA_SECRET_NAME = 'deepcura-shared-secret';

/** The secret, or a retryable `secret_missing` (the delivery is kept and retried once an operator sets it). */
export async function loadDeepCuraSecret(secrets: SecretStore, clock: Clock): Promise<string> {
  const secret = await readSecretCached(secrets, DEEPCURA_SECRET_NAME, clock);
  if (!secret) throw new AppError('retryable', 'secret_missing', `secret ${DEEPCURA_SECRET_NAME} is not set`);
  return secret;
}
