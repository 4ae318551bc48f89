/** How a claimed item leaves the worker when it did not fail: done, or handed back untouched. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { SyncEventStatus } from '../db/database.js';
import { heldUnder, type ClaimLease } from './claim-lease.js';

/**
 * Marks a claimed item done ('applied' or 'ignored'): counts the attempt,
 * clears the retry state and the lease, and keeps `note` (PHI-free) in
 * last_error, else clears it. Only while `lease` still holds the row; false
 * (nothing written) when another worker has since reclaimed it.
 */
export async function markProcessed(
  db: Db,
  eventId: string,
  status: 'applied' | 'ignored',
  now: Date,
  lease: ClaimLease,
  note?: string,
): Promise<boolean> {
  const result = await db
    .updateTable('sync_events')
    .set({
      status,
      processed_at: now,
      attempts: sql<number>`attempts + 1`,
      next_attempt_at: null,
      last_error: note ?? null,
      locked_until: null,
    })
    .where('id', '=', eventId)
    .where(heldUnder(lease))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Hands a claimed, unprocessed item back exactly as it was before the claim
 * (status restored, lease cleared), so no attempt is counted against it. Not
 * for reclaimed items (prior 'processing'): without a lease they would never
 * come due again. False (nothing written) when the claim's lease was lost.
 */
export async function releaseClaim(
  db: Db,
  event: { id: string; prior_status: Exclude<SyncEventStatus, 'processing'>; locked_until: ClaimLease },
): Promise<boolean> {
  const result = await db
    .updateTable('sync_events')
    .set({ status: event.prior_status, locked_until: null })
    .where('id', '=', event.id)
    .where(heldUnder(event.locked_until))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
