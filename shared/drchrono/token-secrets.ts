/**
 * Where a practice's OAuth material lives in the secret store (never a table):
 * its tokens as JSON under `drchrono-tokens-<practiceId>`, and the one API
 * application's client credentials under `drchrono-oauth-client`.
 */
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { TokenAnswer } from './wire-envelopes.js';

/** The client credentials of the DrChrono API application (one serves every practice). */
export const DRCHRONO_CLIENT_SECRET_NAME = 'drchrono-oauth-client';

/** Secret store name of a practice's OAuth tokens. */
export function drchronoTokensSecretName(practiceId: string): string {
  return `drchrono-tokens-${practiceId}`;
}

// issued_at is absent from tokens stored before it was recorded: they keep the plain refresh margin.
const storedTokensSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_at: z.iso.datetime(),
  issued_at: z.iso.datetime().optional(),
});
const clientCredentialsSchema = z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) });

export type StoredTokens = z.output<typeof storedTokensSchema>;
export type ClientCredentials = z.output<typeof clientCredentialsSchema>;

/** The tokens a token answer grants, expiring `expires_in` seconds after `now`. */
export function tokensFromAnswer(answer: TokenAnswer, now: Date): StoredTokens {
  return {
    access_token: answer.access_token,
    refresh_token: answer.refresh_token,
    expires_at: new Date(now.getTime() + answer.expires_in * 1000).toISOString(),
    issued_at: now.toISOString(),
  };
}

async function readJson<T>(secrets: SecretStore, name: string, schema: z.ZodType<T>): Promise<T | null> {
  const text = await secrets.get(name);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  // The name is safe to show; the value never is.
  if (!parsed.success) throw new AppError('permanent', 'drchrono_not_connected', `secret ${name} is not in the expected JSON form: reconnect the practice`, { secret: name });
  return parsed.data;
}

/** A practice's stored tokens, or null when it was never connected. */
export function readTokens(secrets: SecretStore, ref: string): Promise<StoredTokens | null> {
  return readJson(secrets, ref, storedTokensSchema);
}

/** Saves a practice's tokens (a new version each time: the rotated refresh token must never be lost). */
export function writeTokens(secrets: SecretStore, ref: string, tokens: StoredTokens): Promise<void> {
  return secrets.put(ref, JSON.stringify(tokens));
}

/** The API application's client credentials, or null when none were stored. */
export function readClientCredentials(secrets: SecretStore, ref: string): Promise<ClientCredentials | null> {
  return readJson(secrets, ref, clientCredentialsSchema);
}

/** Saves the API application's client credentials. */
export function writeClientCredentials(secrets: SecretStore, ref: string, creds: ClientCredentials): Promise<void> {
  return secrets.put(ref, JSON.stringify(creds));
}
