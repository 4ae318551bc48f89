/** Opens the DrChronoApi of one stored practice: its base URL, its tokens, its hourly budget. */
import type { Config } from '../config/env-schema.js';
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log/logger.js';
import { requirePracticeConnection } from '../practices/practice-connection.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';
import type { DrChronoApi } from './drchrono-api.js';
import { createDrChronoHttpClient } from './drchrono-http-client.js';
import { createDrChronoRequester } from './drchrono-requester.js';
import { practiceBudget } from './practice-budget.js';
import { readTokens } from './token-secrets.js';
import { createTokenManager, type TokenManager } from './token-manager.js';

export interface OpenDrChronoApiDeps {
  db: Db;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  config: Config;
  /** Share one per instance so its token cache serves every call; a new one is made when absent. */
  tokens?: TokenManager;
  fetchImpl?: typeof fetch;
}

/** The practice's API; unknown practice → not_found 'unknown_practice', no tokens → permanent 'drchrono_not_connected'. */
export async function openDrChronoApi(deps: OpenDrChronoApiDeps, practiceId: string): Promise<DrChronoApi> {
  const practice = await requirePracticeConnection(deps.db, practiceId);
  if ((await readTokens(deps.secrets, practice.tokenSecretRef)) === null) {
    throw new AppError('permanent', 'drchrono_not_connected', `practice ${practiceId} has no DrChrono tokens: connect it first`, { practiceId });
  }
  const tokens = deps.tokens ?? createTokenManager(deps);
  const requester = createDrChronoRequester({
    practiceId,
    baseUrl: practice.baseUrl,
    auth: { token: () => tokens.getAccessToken(practiceId), refresh: (stale) => tokens.forceRefresh(practiceId, stale) },
    budget: practiceBudget(deps.db, deps.clock, practiceId, practice.requestsPerHour),
    clock: deps.clock,
    log: deps.log,
    timeoutMs: deps.config.DRCHRONO_REQUEST_TIMEOUT_MS,
    fetchImpl: deps.fetchImpl,
  });
  return createDrChronoHttpClient(requester, deps.clock);
}
