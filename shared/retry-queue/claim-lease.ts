/**
 * The write guard of a claimed item. A worker whose handler outlived its lease
 * may find the item reclaimed, re-run and settled by another worker; its late
 * write must not land over that outcome. Every write that ends a claim matches
 * the claim's own lease, and 0 rows matched means the lease was lost.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/database.js';

/** The `locked_until` this claim set (ClaimedEvent.locked_until). */
export type ClaimLease = Date;

/** `status = 'processing' and locked_until = lease`: true only while this claim still holds the row. */
export function heldUnder(lease: ClaimLease) {
  return (eb: ExpressionBuilder<Database, 'sync_events'>) =>
    eb.and([eb('status', '=', 'processing'), eb('locked_until', '=', lease)]);
}
