/**
 * A request budget shared by every instance through one row of
 * `request_budgets`: each acquire atomically reserves the next free slot, then
 * sleeps until it. The database clock is the only clock used for slots, because
 * instances' clocks disagree.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Clock } from '../time/clock.js';
import { unlimitedBudget, type RequestBudget } from './request-budget.js';

export interface ReservedSlot {
  /** When the caller may send its request (database time). */
  slotAt: Date;
  /** The database's clock at reservation. */
  dbNow: Date;
}

/**
 * Reserves the next slot for `key`, one statement: the slot is the later of the
 * row's next free slot and now, and the row moves one interval past it. Row
 * locking makes concurrent reservations queue up behind each other.
 */
export async function reserveSlot(db: Db, key: string, intervalMs: number): Promise<ReservedSlot> {
  const interval = `${Math.max(0, Math.round(intervalMs * 1000))} microseconds`;
  const result = await sql<{ slot_at: Date; db_now: Date }>`
    insert into request_budgets as b (budget_key, next_slot_at)
    values (${key}, clock_timestamp() + ${interval}::interval)
    on conflict (budget_key) do update
      set next_slot_at = greatest(b.next_slot_at, clock_timestamp()) + ${interval}::interval
    returning next_slot_at - ${interval}::interval as slot_at, clock_timestamp() as db_now
  `.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error('request_budgets upsert returned no row');
  return { slotAt: new Date(row.slot_at), dbNow: new Date(row.db_now) };
}

/** A budget of `requestsPerSecond` shared by every caller using `key` (e.g. `drx:<pharmacyId>`); 0 means unlimited. */
export function createPostgresRequestBudget(db: Db, key: string, requestsPerSecond: number, clock: Clock): RequestBudget {
  if (!(requestsPerSecond > 0)) return unlimitedBudget;
  const intervalMs = 1000 / requestsPerSecond;
  return {
    async acquire(signal) {
      signal?.throwIfAborted();
      const { slotAt, dbNow } = await reserveSlot(db, key, intervalMs);
      const waitMs = slotAt.getTime() - dbNow.getTime();
      // An abandoned slot is simply lost: cheaper than giving it back, and it only delays the others by one interval.
      if (waitMs > 0) await clock.sleep(waitMs, signal);
    },
  };
}
