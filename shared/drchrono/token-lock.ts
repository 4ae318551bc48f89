/**
 * The per-practice lock around spending a grant and saving the tokens it
 * yields. Held by the token refresher and by a (re)connect, so a connect
 * never races a refresh: DrChrono rotates refresh tokens, and a refresh
 * outcome recorded after a connect would overwrite the connect's tokens or
 * its status.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/** Takes the practice's token lock until `trx` ends (a transaction-scoped advisory lock). */
export async function lockPracticeTokens(trx: Db, practiceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${'drchrono-refresh:' + practiceId}, 0))`.execute(trx);
}
