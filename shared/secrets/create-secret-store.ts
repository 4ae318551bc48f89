/** Picks the secret store the configuration asks for. */
import type { Config } from '../config/env-schema.js';
import { ConfigError } from '../config/load-config.js';
import { createFileSecretStore } from './file-secret-store.js';
import { createGcpSecretStore } from './gcp-secret-store.js';
import type { SecretStore } from './secret-store.js';

/** `SECRETS_BACKEND=gcp` → Secret Manager in GCP_PROJECT_ID; `file` → SECRETS_DIR. */
export function createSecretStore(config: Pick<Config, 'SECRETS_BACKEND' | 'SECRETS_DIR' | 'GCP_PROJECT_ID'>): SecretStore {
  switch (config.SECRETS_BACKEND) {
    case 'gcp':
      if (!config.GCP_PROJECT_ID) throw new ConfigError(['GCP_PROJECT_ID: required when SECRETS_BACKEND=gcp']);
      return createGcpSecretStore(config.GCP_PROJECT_ID);
    case 'file':
      return createFileSecretStore(config.SECRETS_DIR);
  }
}
