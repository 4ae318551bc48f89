/** Reading and updating a practice's connection state (never its tokens: those live in the secret store). */
import type { Db } from '../db/create-db.js';
import type { PracticeStatus } from '../db/database.js';
import { AppError } from '../errors/app-error.js';

export interface PracticeConnection {
  id: string;
  enabled: boolean;
  baseUrl: string;
  tokenSecretRef: string;
  clientSecretRef: string;
  requestsPerHour: number;
  status: PracticeStatus;
}

/** The practice's connection settings, or null when there is no such practice. */
export async function findPracticeConnection(db: Db, practiceId: string): Promise<PracticeConnection | null> {
  const row = await db
    .selectFrom('practices')
    .select(['id', 'enabled', 'base_url', 'token_secret_ref', 'client_secret_ref', 'requests_per_hour', 'status'])
    .where('id', '=', practiceId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    enabled: row.enabled,
    baseUrl: row.base_url,
    tokenSecretRef: row.token_secret_ref,
    clientSecretRef: row.client_secret_ref,
    requestsPerHour: row.requests_per_hour,
    status: row.status,
  };
}

/** Like findPracticeConnection, but an unknown practice is AppError not_found 'unknown_practice'. */
export async function requirePracticeConnection(db: Db, practiceId: string): Promise<PracticeConnection> {
  const found = await findPracticeConnection(db, practiceId);
  if (!found) throw new AppError('not_found', 'unknown_practice', `no practice ${practiceId}: connect it first`, { practiceId });
  return found;
}

/** Records a successful refresh: the new expiry, and the practice is active again. */
export async function recordTokenRefreshed(db: Db, practiceId: string, expiresAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('practices')
    .set({ access_token_expires_at: expiresAt, status: 'active', last_error: null, updated_at: now })
    .where('id', '=', practiceId)
    .execute();
}

/** Records that DrChrono refused the refresh token: a person must reconnect the practice. */
export async function recordNeedsReauth(db: Db, practiceId: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('practices')
    .set({ status: 'needs_reauth', last_error: reason, updated_at: now })
    .where('id', '=', practiceId)
    .execute();
}
