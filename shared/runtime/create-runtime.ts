/** Builds the per-instance Runtime from validated config; tests override any port. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/env-schema.js';
import { createDb, type DbHandle } from '../db/create-db.js';
import type { Publisher } from '../events/publisher.js';
import { createGoogleIdTokenVerifier, type IdTokenVerifier } from '../http/id-token-verifier.js';
import { createLogger, type Logger } from '../log/logger.js';
import { createSecretStore } from '../secrets/create-secret-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { systemClock, type Clock } from '../time/clock.js';
import { createPublisherFor } from './create-publisher-for.js';
import type { Runtime } from './runtime.js';

export interface RuntimeOverrides {
  /** A database handle the caller owns: the runtime uses it but does not close it. */
  db?: DbHandle;
  log?: Logger;
  clock?: Clock;
  secrets?: SecretStore;
  publisher?: Publisher;
  idTokens?: IdTokenVerifier;
  instanceId?: string;
}

/** Creates the pool, logger, secret store, publisher and ID-token verifier; no network I/O happens here. */
export function createRuntime(config: Config, overrides: RuntimeOverrides = {}): Runtime {
  const instanceId = overrides.instanceId ?? `${hostname()}-${randomUUID().slice(0, 8)}`;
  const ownsDb = overrides.db === undefined;
  const handle = overrides.db ?? createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS });
  const log = overrides.log ?? createLogger({ level: config.LOG_LEVEL, base: { service: 'rxbridge', instanceId } });
  return {
    config,
    db: handle.db,
    pool: handle.pool,
    log,
    clock: overrides.clock ?? systemClock,
    secrets: overrides.secrets ?? createSecretStore(config),
    publisher: overrides.publisher ?? createPublisherFor(config),
    idTokens: overrides.idTokens ?? createGoogleIdTokenVerifier(),
    instanceId,
    close: async () => {
      if (ownsDb) await handle.close();
    },
  };
}
