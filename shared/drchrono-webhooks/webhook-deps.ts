/** What DrChrono webhook processing needs: the Runtime satisfies it (plus an optional API opener). */
import type { Config } from '../config/env-schema.js';
import type { Db } from '../db/create-db.js';
import type { DrChronoApi } from '../drchrono/drchrono-api.js';
import { openDrChronoApi } from '../drchrono/open-drchrono-api.js';
import type { TokenManager } from '../drchrono/token-manager.js';
import { createTokenManager } from '../drchrono/token-manager.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';

export interface DrChronoWebhookDeps {
  db: Db;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  config: Config;
  /** The practice's API; defaults to openDrChronoApi with a token manager shared per secret store. */
  openApi?: (practiceId: string) => Promise<DrChronoApi>;
  newId?: () => string;
}

// One token manager per instance (keyed by its secret store): its cache spares a secret read per delivery.
const tokenManagers = new WeakMap<SecretStore, TokenManager>();

/** Opens the API of `practiceId` the way deps say. */
export function openPracticeApi(deps: DrChronoWebhookDeps, practiceId: string): Promise<DrChronoApi> {
  if (deps.openApi) return deps.openApi(practiceId);
  let tokens = tokenManagers.get(deps.secrets);
  if (!tokens) {
    tokens = createTokenManager(deps);
    tokenManagers.set(deps.secrets, tokens);
  }
  return openDrChronoApi({ ...deps, tokens }, practiceId);
}
