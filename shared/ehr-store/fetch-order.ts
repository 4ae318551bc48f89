/**
 * Write order for the mirror kinds whose records carry no updated_at of
 * DrChrono's: medications, problems and allergies. (Patients, appointments,
 * clinical notes and line items are ordered by source_updated_at.)
 *
 * A webhook delivery is only a hint that we answer with a re-fetch, and
 * reconciliation re-lists a changed patient's records. Two such reads can
 * commit in the opposite order to the one they were made in (a slow instance,
 * a GC pause, a retry). With no version in the record, we order them by when
 * the request that fetched each one started (our clock, read before sending): a
 * read that starts after another's answer arrived sees at least as new a
 * state. Each row keeps that time in fetched_at (sql/012). A write, or a
 * delete by a list read the record vanished from, whose fetch started before
 * the stored one's is refused. Ties go to the later writer, as with
 * source_updated_at. Rows stored before sql/012 (null) accept any write.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/create-db.js';
import { keyMatch, recordset, type ColumnEntry } from './recordset-sql.js';
import type { TableSpec } from './table-spec.js';

/** The kinds whose writes are ordered by fetched_at. */
export type FetchOrderedKind = 'medications' | 'problems' | 'allergies';

/** For the upsert's conflict clause: the incoming copy (excluded) was fetched no earlier than the stored one (t). */
export const FETCHED_NO_EARLIER: RawBuilder<unknown> = sql`(t.fetched_at is null or excluded.fetched_at >= t.fetched_at)`;

/**
 * Records that a fetch started at `fetchedAt` found these rows' stored content
 * unchanged. The upsert skips such rows, but without this a copy fetched in
 * between (of a state since reverted: A, B, then A again) would pass for the
 * newer one. fetched_at only moves forward, and the audit trigger ignores it.
 */
export async function advanceFetchedAt<R>(trx: Db, spec: TableSpec<R>, rows: readonly R[], fetchedAt: Date): Promise<void> {
  if (rows.length === 0) return;
  const key = spec.key as readonly string[];
  const columns = (Object.entries(spec.columns) as ColumnEntry[]).filter(([c]) => c === 'content_hash' || key.includes(c));
  await sql`
    update ${sql.table(spec.table)} as t set fetched_at = ${fetchedAt}::timestamptz
    from ${recordset(rows, columns)}
    where ${keyMatch(key)} and t.content_hash = r.content_hash and t.deleted_at is null
      and (t.fetched_at is null or t.fetched_at < ${fetchedAt}::timestamptz)`.execute(trx);
}
