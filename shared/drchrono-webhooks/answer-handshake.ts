/** DrChrono's webhook verification: `GET <callback>?msg=<m>` → `{"secret_token": hex HMAC-SHA256(m)}`. */
import { AppError } from '../errors/app-error.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';
import { readSecretCached } from './cached-secret.js';
import { DRCHRONO_WEBHOOK_SECRET_NAME, handshakeToken } from './webhook-signature.js';

/** The handshake answer for `msg`; 400 without one, 503 while the secret is unset. */
export async function answerHandshake(secrets: SecretStore, msg: string | undefined, clock: Clock): Promise<{ secret_token: string }> {
  if (msg === undefined || msg === '') throw new AppError('input', 'invalid_query', 'msg: required');
  const secret = await readSecretCached(secrets, DRCHRONO_WEBHOOK_SECRET_NAME, clock);
  if (!secret) throw new AppError('retryable', 'secret_missing', `secret ${DRCHRONO_WEBHOOK_SECRET_NAME} is not set`);
  return { secret_token: handshakeToken(secret, msg) };
}
