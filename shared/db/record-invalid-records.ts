/** Keeps the key and reason of records that failed validation (never their content). */
import { sql } from 'kysely';
import type { InvalidRecord } from '../drx/rows.js';
import type { RunSource } from './database.js';
import type { Db } from './create-db.js';
import { dedupeByKey } from './dedupe-by-key.js';

export interface InvalidRecordsInput {
  source: RunSource;
  pharmacyId: string;
  stream: string;
  runId: string;
  records: readonly InvalidRecord[];
}

// Reasons come from our validators; the cap keeps a runaway message out of the table.
const MAX_REASON = 300;

/** Upserts one row per (source, pharmacy, stream, key), counting how often it was seen. */
export async function recordInvalidRecords(trx: Db, input: InvalidRecordsInput): Promise<void> {
  const records = dedupeByKey(input.records, (r) => r.externalId);
  if (records.length === 0) return;
  await sql`
    insert into invalid_records as i (source, pharmacy_id, stream, external_id, reason, run_id)
    select ${input.source}, ${input.pharmacyId}, ${input.stream}, t.external_id, t.reason, ${input.runId}::uuid
    from unnest(${records.map((r) => r.externalId)}::text[], ${records.map((r) => r.reason.slice(0, MAX_REASON))}::text[])
      as t(external_id, reason)
    on conflict (source, pharmacy_id, stream, external_id) do update set
      occurrences = i.occurrences + 1, last_seen_at = now(), reason = excluded.reason, run_id = excluded.run_id`.execute(
    trx,
  );
}
