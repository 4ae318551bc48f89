/** Keeps the key and reason of DrChrono records that failed validation (never their content), per practice. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { dedupeByKey } from '../db/dedupe-by-key.js';

export interface PracticeInvalidRecord {
  /** DrChrono's id, or '?' when the object had none we could read. */
  externalId: string;
  reason: string;
}

// Reasons come from our mappers (field and rule, never a value); the cap keeps a runaway message out.
const MAX_REASON = 300;

/** Upserts one row per (source 'drchrono', practice, stream, key), counting how often it was seen. */
export async function recordPracticeInvalid(
  trx: Db,
  input: { practiceId: string; stream: string; runId: string; records: readonly PracticeInvalidRecord[] },
): Promise<void> {
  const records = dedupeByKey(input.records, (r) => r.externalId);
  if (records.length === 0) return;
  await sql`
    insert into invalid_records as i (source, practice_id, stream, external_id, reason, run_id)
    select 'drchrono', ${input.practiceId}, ${input.stream}, t.external_id, t.reason, ${input.runId}::uuid
    from unnest(${records.map((r) => r.externalId)}::text[], ${records.map((r) => r.reason.slice(0, MAX_REASON))}::text[])
      as t(external_id, reason)
    on conflict (source, practice_id, stream, external_id) where practice_id is not null do update set
      occurrences = i.occurrences + 1, last_seen_at = now(), reason = excluded.reason, run_id = excluded.run_id`.execute(trx);
}
