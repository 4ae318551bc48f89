/** Names who is writing, for the audit trigger (sql/004_ehr_audit_and_events.sql) to record in change_log. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/** The writers of the EHR mirror; change_log.actor holds one of these (or 'unknown' when none was set). */
export type EhrActor = 'drchrono_webhook' | 'drchrono_sync' | 'deepcura' | 'maintenance' | 'admin';

// The audit trigger serialises the hash chain on this advisory lock (see sql/004).
const CHANGE_LOG_CHAIN_LOCK = 727_100_004;

/**
 * Sets `app.actor` for the rest of this transaction only (is_local = true), so a
 * pooled connection never leaks it, and takes the change_log chain lock now.
 * Taking it before the first row lock means every mirror writer locks in the
 * same order (chain first, rows after): two writers touching the same records
 * wait for each other instead of deadlocking.
 */
export async function withActor(trx: Db, actor: EhrActor): Promise<void> {
  await sql`select set_config('app.actor', ${actor}, true), pg_advisory_xact_lock(${CHANGE_LOG_CHAIN_LOCK})`.execute(trx);
}
