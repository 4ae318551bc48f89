/** Which raw records a sync may skip: those stored under their id with the very same content hash. */
import { sql } from 'kysely';
import type { Db } from './create-db.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { createGroupCommit } from './group-commit.js';

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

type Candidates = readonly { externalId: string; hash: string }[];

/**
 * findUnchangedHashes for one table and pharmacy, with the pages that ask at the same time answered by one
 * statement: a sync prefetches several pages, and on a re-sync this question is asked of every page, so its
 * per-statement cost (round trip, parse, plan) was a large part of the database's work. Each page still gets
 * only the hashes among its own candidates.
 */
export function batchedFindUnchanged(db: Db, table: 'prescriptions' | 'prescription_fills', pharmacyId: string): (candidates: Candidates) => Promise<Set<string>> {
  return createGroupCommit(
    async (pages: readonly Candidates[]) => {
      const found = await findUnchangedHashes(db, table, pharmacyId, pages.flat());
      return pages.map((candidates) => new Set(candidates.filter((c) => found.has(c.hash)).map((c) => c.hash)));
    },
    // One statement at a time: pages that arrive while it runs are asked together in the next.
    { maxBatch: 16, maxInFlight: 1, failsEveryItem: isDatabaseUnavailable },
  );
}
