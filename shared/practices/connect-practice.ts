/**
 * Connects (or reconnects) a DrChrono practice: exchanges the authorization
 * code (or the given refresh token), keeps client credentials and tokens in the
 * secret store only, checks the token with /api/users/current, upserts the
 * practice and routes its doctors and offices for webhooks. Nothing secret is
 * stored in a table, logged, or returned.
 */
import type { Config } from '../config/env-schema.js';
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';
import { describeIssues } from '../http/describe-issues.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';
import { requestToken, type TokenGrant } from '../drchrono/oauth-token-endpoint.js';
import { lockPracticeTokens } from '../drchrono/token-lock.js';
import { saveGrantedTokens } from '../drchrono/save-granted-tokens.js';
import { DRCHRONO_CLIENT_SECRET_NAME, drchronoTokensSecretName, tokensFromAnswer, writeClientCredentials } from '../drchrono/token-secrets.js';
import type { TokenAnswer } from '../drchrono/wire-envelopes.js';
import { connectPracticeInputSchema, type ConnectPracticeInput } from './connect-practice-input.js';
import { findPracticeConnection } from './practice-connection.js';
import { readPracticeDirectory } from './read-practice-directory.js';
import { replacePracticeRoutes, savePractice } from './save-practice.js';

export interface ConnectPracticeDeps {
  db: Db;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
  config: Config;
  fetchImpl?: typeof fetch;
}

export interface ConnectPracticeResult {
  practiceId: string;
  created: boolean;
  doctors: number;
  offices: number;
  user: { id: string };
}

/** Validates, exchanges the grant, stores the secrets, checks the token, upserts the practice and its routes. */
export async function connectPractice(deps: ConnectPracticeDeps, raw: ConnectPracticeInput): Promise<ConnectPracticeResult> {
  const parsed = connectPracticeInputSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new AppError('input', 'invalid_body', problems.join('; '), { problems });
  }
  const input = parsed.data;
  const stored = await findPracticeConnection(deps.db, input.practiceId);
  const baseUrl = (input.baseUrl ?? stored?.baseUrl ?? deps.config.DRCHRONO_BASE_URL).replace(/\/+$/, '');
  const requestsPerHour = input.requestsPerHour ?? stored?.requestsPerHour ?? deps.config.DRCHRONO_REQUESTS_PER_HOUR;
  const client = { client_id: input.clientId, client_secret: input.clientSecret };
  const grant: TokenGrant = input.code !== undefined
    ? { grant_type: 'authorization_code', code: input.code, ...(input.redirectUri ? { redirect_uri: input.redirectUri } : {}) }
    : { grant_type: 'refresh_token', refresh_token: input.refreshToken ?? '' };

  const tokenSecretRef = drchronoTokensSecretName(input.practiceId);
  const { tokens, now } = await deps.db.transaction().execute(async (trx) => {
    // The refresher's lock: a refresh already running records its outcome before these tokens replace its own.
    await lockPracticeTokens(trx, input.practiceId);
    const answer = await exchange(deps, baseUrl, grant, client, input.practiceId);
    const exchangedAt = deps.clock.now();
    const granted = tokensFromAnswer(answer, exchangedAt);
    // Saved at once: the code is single-use and a refresh token may already be rotated.
    await writeClientCredentials(deps.secrets, DRCHRONO_CLIENT_SECRET_NAME, client);
    await saveGrantedTokens(deps, tokenSecretRef, granted);
    return { tokens: granted, now: exchangedAt };
  });

  const directory = await readPracticeDirectory(deps, { practiceId: input.practiceId, baseUrl, accessToken: tokens.access_token, requestsPerHour });
  const { created } = await deps.db.transaction().execute(async (trx) => {
    const saved = await savePractice(trx, {
      id: input.practiceId,
      name: input.name,
      baseUrl,
      tokenSecretRef,
      clientSecretRef: DRCHRONO_CLIENT_SECRET_NAME,
      requestsPerHour,
      accessTokenExpiresAt: new Date(tokens.expires_at),
      now,
    });
    await replacePracticeRoutes(trx, input.practiceId, directory.doctorIds, directory.officeIds);
    return saved;
  });
  deps.log.info('DrChrono practice connected', { practiceId: input.practiceId, created, doctors: directory.doctorIds.length, offices: directory.officeIds.length });
  return { practiceId: input.practiceId, created, doctors: directory.doctorIds.length, offices: directory.officeIds.length, user: { id: directory.userId } };
}

async function exchange(deps: ConnectPracticeDeps, baseUrl: string, grant: TokenGrant, client: { client_id: string; client_secret: string }, practiceId: string): Promise<TokenAnswer> {
  try {
    return await requestToken({ baseUrl, timeoutMs: deps.config.DRCHRONO_REQUEST_TIMEOUT_MS, fetchImpl: deps.fetchImpl }, grant, client);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'drchrono_unauthorized')) throw err;
    const oauthError = typeof err.details.oauthError === 'string' ? err.details.oauthError : null;
    const what = oauthError === 'invalid_client'
      ? 'the client id or client secret'
      : grant.grant_type === 'authorization_code'
        ? 'the authorization code (codes are single-use and expire within minutes: authorize again)'
        : 'the refresh token (it may have been used or revoked: authorize again)';
    throw new AppError('input', 'drchrono_unauthorized', `DrChrono refused ${what} (${String(err.details.status)}${oauthError ? ` ${oauthError}` : ''}); nothing was stored for ${practiceId}`, {
      practiceId,
      status: err.details.status,
      oauthError,
    }, { cause: err });
  }
}
