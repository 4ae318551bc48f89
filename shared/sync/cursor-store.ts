/**
 * A stream's cursor in sync_cursors: the committed high-water mark plus the
 * window being paged. The window advances in the transaction of each page that
 * writes (pages with nothing to write advance it in batches, see sync-stream.ts),
 * so a killed run resumes at or before the last page it stored; the cursor moves
 * only when the whole window has been stored.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { DrxStream } from './page-source.js';
import { leaseRowOf, type LeaseKey } from './sync-lease.js';

export interface CursorKey {
  pharmacyId: string;
  system: 'drx';
  stream: DrxStream;
}

export interface StreamWindow {
  /** after_date for every page of this window; null = no date filter. */
  after: Date | null;
  full: boolean;
  /** Next offset to fetch. */
  offset: number;
  /** True when an interrupted window is being continued. */
  resumed: boolean;
  /** True when a window was left open (a failed or killed run), whether continued or replaced. */
  interrupted: boolean;
}

/** Resumes a compatible open window (full only with full) or starts a new one at offset 0. */
export async function openWindow(
  db: Db,
  key: CursorKey & { full: boolean; overlapMinutes: number; now: Date },
): Promise<StreamWindow> {
  const row = await db
    .selectFrom('sync_cursors')
    .selectAll()
    .where('pharmacy_id', '=', key.pharmacyId)
    .where('system', '=', key.system)
    .where('stream', '=', key.stream)
    .executeTakeFirst();
  if (row && row.window_offset !== null && row.window_full === key.full) {
    return { after: row.window_after, full: row.window_full, offset: row.window_offset, resumed: true, interrupted: true };
  }
  const cursor = row?.cursor_value ?? null;
  // Doctors have no date filter; a full pass ignores the cursor; the overlap absorbs clock skew
  // and records that shifted offsets while the previous window was paged.
  const after =
    key.full || key.stream === 'doctors' || cursor === null
      ? null
      : new Date(cursor.getTime() - key.overlapMinutes * 60_000);
  await db
    .insertInto('sync_cursors')
    .values({
      pharmacy_id: key.pharmacyId,
      system: key.system,
      stream: key.stream,
      window_after: after,
      window_full: key.full,
      window_offset: 0,
      window_max: null,
      window_started_at: key.now,
    })
    .onConflict((oc) =>
      oc.columns(['pharmacy_id', 'system', 'stream']).doUpdateSet({
        window_after: after,
        window_full: key.full,
        window_offset: 0,
        window_max: null,
        window_started_at: key.now,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
  return { after, full: key.full, offset: 0, resumed: false, interrupted: row !== undefined && row.window_offset !== null };
}

/** Records stored pages: next offset and the largest date stored so far. Call inside the last page's transaction. */
export async function advanceWindow(trx: Db, key: CursorKey & { offset: number; max: Date | null }): Promise<void> {
  await advanceWindowStatement(key).execute(trx);
}

/**
 * The same advance as one SQL statement, to embed in the statement that writes
 * the pages' rows (a data-modifying WITH): rows and advance then commit
 * together in one statement, after the page transaction's lease fence.
 */
export function advanceWindowStatement(key: CursorKey & { offset: number; max: Date | null }, lease?: LeaseKey): RawBuilder<unknown> {
  // With a lease, the advance lands only while that run holds it (a stale run's does not).
  const fenced = lease === undefined ? sql`` : sql` and exists (select 1 from sync_leases where ${leaseRowOf(lease)})`;
  return sql`
    update sync_cursors set window_offset = ${key.offset},
      window_max = greatest(window_max, ${key.max}::timestamptz), updated_at = now()
    where pharmacy_id = ${key.pharmacyId} and system = ${key.system} and stream = ${key.stream}${fenced}`;
}

/** Moves the cursor to the largest date the window stored (never backwards) and clears the window. */
export async function closeWindow(trx: Db, key: CursorKey): Promise<void> {
  await trx
    .updateTable('sync_cursors')
    .set({
      cursor_value: sql<Date>`greatest(cursor_value, window_max)`,
      window_after: null,
      window_full: false,
      window_offset: null,
      window_max: null,
      window_started_at: null,
      updated_at: sql<Date>`now()`,
    })
    .where('pharmacy_id', '=', key.pharmacyId)
    .where('system', '=', key.system)
    .where('stream', '=', key.stream)
    .execute();
}
