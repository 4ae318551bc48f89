/** Whether a stream's upserts need their content-hash pre-select at all. */
import { sql } from 'kysely';
import type { Db } from './create-db.js';

/**
 * False when the pharmacy has no row in `table` yet (a first sync): a pre-select
 * per page would only ever find nothing. Skipping it is safe whatever happens
 * meanwhile, because the upsert itself leaves rows with an equal hash alone.
 */
export async function pharmacyHasRows(
  db: Db,
  table: 'prescriptions' | 'prescription_fills',
  pharmacyId: string,
): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    select exists (select 1 from ${sql.table(table)} where pharmacy_id = ${pharmacyId}) as found`.execute(db);
  return result.rows[0]?.found ?? true;
}

/**
 * Refreshes the planner's statistics of `table` after a bulk load into a
 * pharmacy that had no rows. Until autovacuum gets to it, the planner still
 * believes the pharmacy has almost no rows and answers the next sync's
 * pre-select (hundreds of ids) by reading ALL of the pharmacy's rows through
 * the pharmacy_id index instead of probing the unique key: ~100 ms instead of
 * ~2 ms per page batch at 100k prescriptions. A role that does not own the
 * table gets a warning, not an error, and autovacuum catches up later.
 */
export async function analyzeAfterBulkLoad(db: Db, table: 'prescriptions' | 'prescription_fills'): Promise<void> {
  await sql`analyze ${sql.table(table)}`.execute(db);
}
