/**
 * Saving the tokens a grant just yielded. The grant is spent by then (codes
 * are single-use, refresh tokens rotate), so this write holds the only copy
 * of the live refresh token: a brief secret store failure is waited out
 * rather than losing it. Secret Manager's client does not retry
 * AddSecretVersion by itself (it is not idempotent; a duplicate version of
 * the same tokens is harmless here).
 */
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Clock } from '../time/clock.js';
import { writeTokens, type StoredTokens } from './token-secrets.js';

/** Waits between attempts: four attempts within about 8 s. */
export const SAVE_TOKENS_WAITS_MS: readonly number[] = [500, 2_000, 5_000];

/** Writes `tokens` under `ref`, retrying a failed write; the last failure is thrown. */
export async function saveGrantedTokens(deps: { secrets: SecretStore; clock: Clock; log: Logger }, ref: string, tokens: StoredTokens): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await writeTokens(deps.secrets, ref, tokens);
      return;
    } catch (err) {
      const waitMs = SAVE_TOKENS_WAITS_MS[attempt - 1];
      // Only the secret's name and the error's code: the value (and possibly the message) must not reach a log.
      const fields = { secret: ref, attempt, errorCode: errorCode(err) };
      if (waitMs === undefined) {
        deps.log.error('could not save the new DrChrono tokens; the practice must be reconnected', fields);
        throw err;
      }
      deps.log.warn('saving the new DrChrono tokens failed; retrying', { ...fields, waitMs });
      await deps.clock.sleep(waitMs);
    }
  }
}

function errorCode(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}
