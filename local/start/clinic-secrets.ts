/** The clinic-side shared secrets `npm start` needs: generated once, then kept in the (file) secret store. */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../shared/config/env-schema.js';
import { DEEPCURA_SECRET_NAME } from '../../shared/deepcura/deepcura-secret.js';
import { DRCHRONO_WEBHOOK_SECRET_NAME } from '../../shared/drchrono-webhooks/webhook-signature.js';
import type { SecretStore } from '../../shared/secrets/secret-store.js';

export interface ClinicSecrets {
  /** The DrChrono API application's webhook secret token. */
  webhookSecret: string;
  /** The Deep Cura shared secret (header and encryption key). */
  deepCuraSecret: string;
}

async function getOrCreate(secrets: SecretStore, name: string, generate: () => string): Promise<string> {
  const stored = await secrets.get(name);
  if (stored) return stored;
  const value = generate();
  await secrets.put(name, value);
  return value;
}

/**
 * Reads both secrets, generating (and storing) any that is missing. The Deep Cura secret is
 * 32 random bytes written so every key derivation accepts it: hex (raw-hex, scrypt, sha256),
 * or base64 when DEEPCURA_KEY_DERIVATION=raw-base64 at the time it is first generated.
 */
export async function ensureClinicSecrets(secrets: SecretStore, config: Pick<Config, 'DEEPCURA_KEY_DERIVATION'>): Promise<ClinicSecrets> {
  const webhookSecret = await getOrCreate(secrets, DRCHRONO_WEBHOOK_SECRET_NAME, () => randomBytes(24).toString('hex'));
  const encoding = config.DEEPCURA_KEY_DERIVATION === 'raw-base64' ? 'base64' : 'hex';
  const deepCuraSecret = await getOrCreate(secrets, DEEPCURA_SECRET_NAME, () => randomBytes(32).toString(encoding));
  return { webhookSecret, deepCuraSecret };
}
