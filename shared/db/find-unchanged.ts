/** Which raw records a sync may skip: those stored under their id with the very same content hash. */
import { sql } from 'kysely';
import type { Db } from './create-db.js';

/**
 * Returns the hashes among `candidates` that are stored for their external id
 * in the pharmacy's `table`. A stored row is always a validated one, so an
 * equal hash means the record needs neither validation nor a write.
 */
export async function findUnchangedHashes(
  db: Db,
  table: 'prescriptions' | 'prescription_fills',
  pharmacyId: string,
  candidates: readonly { externalId: string; hash: string }[],
): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const result = await sql<{ content_hash: string }>`
    select k.content_hash
    from unnest(${candidates.map((c) => c.externalId)}::text[], ${candidates.map((c) => c.hash)}::text[]) as k(external_id, content_hash)
    join ${sql.table(table)} t on t.pharmacy_id = ${pharmacyId} and t.external_id = k.external_id and t.content_hash = k.content_hash`.execute(db);
  return new Set(result.rows.map((r) => r.content_hash));
}
