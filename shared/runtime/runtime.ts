/** Everything a function needs, created once per instance from the validated config. */
import type pg from 'pg';
import type { Config } from '../config/env-schema.js';
import type { Db } from '../db/create-db.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../time/clock.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Publisher } from '../events/publisher.js';
import type { IdTokenVerifier } from '../http/id-token-verifier.js';

export interface Runtime {
  config: Config;
  db: Db;
  /** The pool behind `db`, for LISTEN clients. */
  pool: pg.Pool;
  log: Logger;
  clock: Clock;
  secrets: SecretStore;
  publisher: Publisher;
  idTokens: IdTokenVerifier;
  /** Identifies this instance in leases and logs. */
  instanceId: string;
  close(): Promise<void>;
}
