/**
 * Access tokens per practice: served from memory or the secret store until they
 * near expiry, then refreshed by ONE refresher across all instances. The
 * refresher holds a transaction-scoped advisory lock on the practice, re-reads
 * the stored tokens (someone may have refreshed while it waited), and only
 * then spends the refresh token. DrChrono rotates refresh tokens, so the new one
 * is saved before the access token is used; two concurrent refreshes would
 * invalidate each other. Tokens are never logged.
 */
import type { Config } from '../config/env-schema.js';
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log/logger.js';
import { recordNeedsReauth, recordTokenRefreshed, requirePracticeConnection } from '../practices/practice-connection.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';
import { requestToken } from './oauth-token-endpoint.js';
import { lockPracticeTokens } from './token-lock.js';
import { saveGrantedTokens } from './save-granted-tokens.js';
import { readClientCredentials, readTokens, tokensFromAnswer, type StoredTokens } from './token-secrets.js';

export interface TokenManagerDeps {
  db: Db;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  config: Pick<Config, 'DRCHRONO_TOKEN_REFRESH_MARGIN_SECONDS' | 'DRCHRONO_REQUEST_TIMEOUT_MS'>;
  fetchImpl?: typeof fetch;
}

export interface TokenManager {
  /** A usable access token: the cached/stored one unless it expires within the refresh margin. */
  getAccessToken(practiceId: string): Promise<string>;
  /** After a 401 with `staleToken`: a token other than it (refreshing unless another instance already did). */
  forceRefresh(practiceId: string, staleToken: string): Promise<string>;
}

type Outcome = { ok: true; tokens: StoredTokens } | { ok: false; error: AppError };

/** Creates the token manager of one instance (its cache is per instance; the lock is per database). */
export function createTokenManager(deps: TokenManagerDeps): TokenManager {
  const cache = new Map<string, StoredTokens>();
  // Callers on this instance share one refresh rather than queueing on the lock.
  const inflight = new Map<string, Promise<string>>();
  const marginMs = deps.config.DRCHRONO_TOKEN_REFRESH_MARGIN_SECONDS * 1000;
  // A token that lives shorter than twice the margin would be refreshed on every call: it gets half its life instead.
  const fresh = (t: StoredTokens): boolean => {
    const expires = Date.parse(t.expires_at);
    const lifetime = t.issued_at === undefined ? Infinity : expires - Date.parse(t.issued_at);
    return expires - deps.clock.now().getTime() > Math.min(marginMs, lifetime / 2);
  };

  async function stored(practiceId: string): Promise<StoredTokens> {
    const practice = await requirePracticeConnection(deps.db, practiceId);
    const tokens = await readTokens(deps.secrets, practice.tokenSecretRef);
    if (!tokens) throw notConnected(practiceId);
    return tokens;
  }

  async function refreshUnderLock(practiceId: string, staleToken: string, forced: boolean): Promise<string> {
    const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
      await lockPracticeTokens(trx, practiceId);
      const practice = await requirePracticeConnection(trx, practiceId);
      const current = await readTokens(deps.secrets, practice.tokenSecretRef);
      if (!current) return { ok: false, error: notConnected(practiceId) };
      // Another instance refreshed while we waited for the lock: use its result.
      if (current.access_token !== staleToken || (!forced && fresh(current))) return { ok: true, tokens: current };
      const client = await readClientCredentials(deps.secrets, practice.clientSecretRef);
      if (!client) return { ok: false, error: clientMissing(practiceId, practice.clientSecretRef) };
      const now = deps.clock.now();
      try {
        const answer = await requestToken(
          { baseUrl: practice.baseUrl, timeoutMs: deps.config.DRCHRONO_REQUEST_TIMEOUT_MS, fetchImpl: deps.fetchImpl },
          { grant_type: 'refresh_token', refresh_token: current.refresh_token },
          client,
        );
        const tokens = tokensFromAnswer(answer, now);
        // Saved before anything else: the old refresh token is already spent.
        await saveGrantedTokens(deps, practice.tokenSecretRef, tokens);
        await recordTokenRefreshed(trx, practiceId, new Date(tokens.expires_at), now);
        deps.log.info('DrChrono access token refreshed', { practiceId, forced });
        return { ok: true, tokens };
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'drchrono_unauthorized')) throw err;
        await recordNeedsReauth(trx, practiceId, 'DrChrono refused the refresh token: reconnect the practice', now);
        deps.log.warn('DrChrono refused the refresh token; practice needs reauthorization', { practiceId, status: Number(err.details.status) });
        return { ok: false, error: reauthError(practiceId, err) };
      }
    });
    if (!outcome.ok) throw outcome.error;
    cache.set(practiceId, outcome.tokens);
    return outcome.tokens.access_token;
  }

  function refresh(practiceId: string, staleToken: string, forced: boolean): Promise<string> {
    const running = inflight.get(practiceId);
    // A refresh begun for an older stale token hands back the stored one, which may be the very token this caller
    // was refused with: then it refreshes in turn (under the lock, it finds its stale token current and spends it).
    if (running) return forced ? running.then((token) => (token === staleToken ? refresh(practiceId, staleToken, forced) : token)) : running;
    const p = refreshUnderLock(practiceId, staleToken, forced).finally(() => inflight.delete(practiceId));
    inflight.set(practiceId, p);
    return p;
  }

  return {
    async getAccessToken(practiceId) {
      const cached = cache.get(practiceId);
      if (cached && fresh(cached)) return cached.access_token;
      const tokens = await stored(practiceId);
      if (fresh(tokens)) {
        cache.set(practiceId, tokens);
        return tokens.access_token;
      }
      return refresh(practiceId, tokens.access_token, false);
    },
    async forceRefresh(practiceId, staleToken) {
      cache.delete(practiceId);
      return refresh(practiceId, staleToken, true);
    },
  };
}

// Same code as a practice without tokens (a run stops, nothing can be fetched), but it names what is missing.
function clientMissing(practiceId: string, secretName: string): AppError {
  return new AppError(
    'permanent',
    'drchrono_not_connected',
    `the DrChrono API client credentials (secret ${secretName}) are missing: connect practice ${practiceId} again to store them`,
    { practiceId },
  );
}

function notConnected(practiceId: string): AppError {
  return new AppError('permanent', 'drchrono_not_connected', `practice ${practiceId} has no DrChrono tokens: connect it first`, { practiceId });
}

function reauthError(practiceId: string, cause: AppError): AppError {
  return new AppError(
    'permanent',
    'drchrono_unauthorized',
    `DrChrono refused the refresh token of ${practiceId}: reconnect the practice`,
    { practiceId, status: cause.details.status, oauthError: cause.details.oauthError },
    { cause },
  );
}
