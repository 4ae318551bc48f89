/** What gridhook processing needs: the Runtime satisfies it. */
import type { Config } from '../config/env-schema.js';
import type { Db } from '../db/create-db.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';

export interface GridhookDeps {
  db: Db;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  config: Pick<Config, 'DEEPCURA_KEY_DERIVATION' | 'DEEPCURA_SCRYPT_SALT' | 'DEEPCURA_IV' | 'DEEPCURA_ENCODING'>;
  newId?: () => string;
}
