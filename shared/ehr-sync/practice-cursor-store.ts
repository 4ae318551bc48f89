/**
 * A practice stream's cursor in practice_sync_cursors: the committed
 * high-water mark (the largest `updated_at` stored, never our clock) plus the
 * window being walked. A list window stores the `next` URL of the page it is
 * on, in the same transaction as that page's rows, so a killed or budget-stopped
 * run resumes there; the cursor moves only when the whole window is stored.
 * A full window also carries its full pass (see full-pass.ts), and closing it
 * records that the stream completed that pass, so a run continuing the pass
 * neither restarts the window of another pass nor redoes a completed stream.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { BULK_STREAMS, type CursorStream } from './ehr-streams.js';

export interface PracticeCursorKey {
  practiceId: string;
  stream: CursorStream;
}

export interface PracticeWindow {
  /** `since` for every list page of this window; null = a bulk backfill (no date filter). */
  since: Date | null;
  /** bulk: the `*_list` flow (first backfill, or full); list: `since` pages. */
  mode: 'bulk' | 'list';
  full: boolean;
  /** Where an interrupted list window continues; null = its first page. */
  nextUrl: string | null;
  resumed: boolean;
}

const HOUR_MS = 3_600_000;

/**
 * Resumes a compatible open window or opens a new one from the cursor. With a
 * full pass, a stream that has not completed that pass gets a full window (the
 * pass's own, if one is open); a stream that has only catches up from its
 * cursor, like an incremental run.
 */
export async function openPracticeWindow(
  db: Db,
  key: PracticeCursorKey & { fullPass: Date | null; overlapHours: number; appointmentsBackfillDays: number; now: Date },
): Promise<PracticeWindow> {
  const row = await db
    .selectFrom('practice_sync_cursors')
    .selectAll()
    .where('practice_id', '=', key.practiceId)
    .where('stream', '=', key.stream)
    .executeTakeFirst();
  const pass = key.fullPass !== null && !sameInstant(row?.full_pass_done, key.fullPass) ? key.fullPass : null;
  const full = pass !== null;
  if (row?.window_started_at && row.window_full === full && (pass === null || sameInstant(row.window_pass, pass))) {
    return { ...windowShape(key.stream, row.window_since), full, nextUrl: row.window_next_url, resumed: true };
  }
  const cursor = full ? null : (row?.cursor_value ?? null);
  let since: Date | null = cursor === null ? null : new Date(cursor.getTime() - key.overlapHours * HOUR_MS);
  // Appointments refuse a list without a date filter and have no bulk endpoint: backfill from a fixed horizon.
  if (since === null && key.stream === 'appointments') since = new Date(key.now.getTime() - key.appointmentsBackfillDays * 24 * HOUR_MS);
  const window = { window_since: since, window_full: full, window_pass: pass, window_next_url: null, window_max: null, window_started_at: key.now };
  await db
    .insertInto('practice_sync_cursors')
    .values({ practice_id: key.practiceId, stream: key.stream, ...window })
    .onConflict((oc) => oc.columns(['practice_id', 'stream']).doUpdateSet({ ...window, updated_at: sql<Date>`now()` }))
    .execute();
  return { ...windowShape(key.stream, since), full, nextUrl: null, resumed: false };
}

// A pass is named by its start: equal instants are the same pass.
function sameInstant(a: Date | null | undefined, b: Date): boolean {
  return a instanceof Date && a.getTime() === b.getTime();
}

function windowShape(stream: CursorStream, since: Date | null): Pick<PracticeWindow, 'since' | 'mode'> {
  return { since, mode: since === null && BULK_STREAMS.has(stream) ? 'bulk' : 'list' };
}

/** Records a committed page: where to continue and the largest `updated_at` stored so far. Inside the page's transaction. */
export async function advancePracticeWindow(trx: Db, key: PracticeCursorKey & { nextUrl: string | null; max: Date | null }): Promise<void> {
  await trx
    .updateTable('practice_sync_cursors')
    .set({
      window_next_url: key.nextUrl,
      window_max: sql<Date>`greatest(window_max, ${key.max}::timestamptz)`,
      updated_at: sql<Date>`now()`,
    })
    .where('practice_id', '=', key.practiceId)
    .where('stream', '=', key.stream)
    .execute();
}

/**
 * Moves the cursor to the largest date the window stored (never backwards) and
 * clears the window; a full window marks its pass completed for this stream.
 */
export async function closePracticeWindow(trx: Db, key: PracticeCursorKey): Promise<void> {
  await trx
    .updateTable('practice_sync_cursors')
    .set({
      cursor_value: sql<Date>`greatest(cursor_value, window_max)`,
      full_pass_done: sql<Date | null>`case when window_full then window_pass else full_pass_done end`,
      window_since: null,
      window_full: false,
      window_pass: null,
      window_next_url: null,
      window_max: null,
      window_started_at: null,
      updated_at: sql<Date>`now()`,
    })
    .where('practice_id', '=', key.practiceId)
    .where('stream', '=', key.stream)
    .execute();
}
