/**
 * Claims due queue items with FOR UPDATE SKIP LOCKED, so any number of worker
 * instances drain sync_events side by side and each item runs once at a time.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { SyncEventStatus, SyncEventsTable } from '../db/database.js';

/** A sync_events row as read. */
export type SyncEventRow = Selectable<SyncEventsTable>;

/**
 * A claimed row (status 'processing', leased until `locked_until`) and the
 * status it had before the claim. `locked_until` doubles as the claim's token:
 * a later claim always sets a later time, so a write that still matches it
 * proves this claim is the current one.
 */
export interface ClaimedEvent extends Omit<SyncEventRow, 'locked_until'> {
  locked_until: Date;
  prior_status: SyncEventStatus;
}

export interface ClaimOptions {
  now: Date;
  limit: number;
  leaseSeconds: number;
  /** Only these sources (a worker claims only what it has handlers for); all when omitted. */
  sources?: readonly string[];
  /** Only this pharmacy's / practice's items ("retry this tenant now", and test isolation). */
  pharmacyId?: string;
  practiceId?: string;
}

/** A delivery stored but still 'received' this long after arriving was orphaned by its instance. */
export const UNPROCESSED_GRACE_MS = 5 * 60_000;

/**
 * One statement: pick up to `limit` due items — failed and due, processing
 * with an expired lease (its worker died), or received and never processed —
 * and lease them until now + leaseSeconds. Rows another worker holds are skipped,
 * not waited for; a row whose lease is still running is not due.
 */
export async function claimDue(db: Db, opts: ClaimOptions): Promise<ClaimedEvent[]> {
  if (opts.sources && opts.sources.length === 0) return [];
  const lockedUntil = new Date(opts.now.getTime() + opts.leaseSeconds * 1000);
  const receivedBefore = new Date(opts.now.getTime() - UNPROCESSED_GRACE_MS);
  const sourceFilter = opts.sources ? sql`and source = any(${[...opts.sources]}::text[])` : sql``;
  const pharmacyFilter = opts.pharmacyId === undefined ? sql`` : sql`and pharmacy_id = ${opts.pharmacyId}`;
  const practiceFilter = opts.practiceId === undefined ? sql`` : sql`and practice_id = ${opts.practiceId}`;
  const result = await sql<ClaimedEvent>`
    with due as (
      select id, status from sync_events
      where ((status = 'failed' and next_attempt_at <= ${opts.now})
          or (status = 'processing' and locked_until < ${opts.now})
          or (status = 'received' and received_at < ${receivedBefore}))
        ${sourceFilter} ${pharmacyFilter} ${practiceFilter}
      order by next_attempt_at nulls first, received_at
      limit ${opts.limit}
      for update skip locked
    )
    update sync_events e set status = 'processing', locked_until = ${lockedUntil}
    from due where e.id = due.id
    returning e.*, due.status as prior_status`.execute(db);
  return result.rows;
}
