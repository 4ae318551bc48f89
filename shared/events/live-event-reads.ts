/** The outbox reads behind live updates: what is new since the floor, and what a reconnecting client missed. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export const LIVE_UPDATES_TOPIC = 'live-updates';
/** Topics the live stream shows: sync/webhook summaries and per-record EHR change events (ids only). */
export const LIVE_STREAM_TOPICS: readonly string[] = [LIVE_UPDATES_TOPIC, 'change-events'];

/** One live-update event: the outbox id (as a string) and its payload. */
export interface LiveEvent {
  id: string;
  pharmacyId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Which events one client wants: one pharmacy's (the outbox row's pharmacy),
 * or one practice's (EHR change events and practice sync summaries name it in
 * their payload); no filter is everything.
 */
export type LiveFilter = { pharmacyId?: undefined; practiceId?: undefined } | { pharmacyId: string; practiceId?: undefined } | { pharmacyId?: undefined; practiceId: string };

/** True when `e` passes `filter`. */
export function matchesLiveFilter(e: LiveEvent, filter: LiveFilter): boolean {
  if (filter.pharmacyId !== undefined) return e.pharmacyId === filter.pharmacyId;
  if (filter.practiceId !== undefined) return e.payload.practiceId === filter.practiceId;
  return true;
}

/** An outbox row seen by the hub; rows of other topics still count as seen. */
export interface SeenRow extends LiveEvent {
  topic: string;
}

/** Rows of every topic with id > floor, ascending; `limit` bounds one read. */
export async function readOutboxAfter(db: Db, floor: string, limit: number): Promise<SeenRow[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'topic', 'pharmacy_id', 'payload'])
    .where('id', '>', floor)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, topic: r.topic, pharmacyId: r.pharmacy_id, payload: r.payload }));
}

/**
 * Where a freshly started hub begins: a floor, and the ids above it already
 * committed (history: read as seen, never streamed live). The head alone is
 * not enough: a transaction that took a lower id may still be running and
 * commit after we start, and an id at or below the floor is never read again.
 * So the floor is the newest row created more than `settleMs` ago (by the
 * database clock, like created_at); a transaction that has run longer than
 * that is treated like any hole the hub gives up on. The walk back uses the
 * primary key and stops at the first such row, so it reads only recent rows.
 */
export async function readOutboxStart(db: Db, settleMs: number, pageSize = 10_000): Promise<{ floor: string; committed: string[] }> {
  const start = await db
    .selectFrom('outbox')
    .select(sql<string>`id::text`.as('id'))
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${settleMs / 1000})`)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const floor = start?.id ?? '0';
  const committed: string[] = [];
  for (let after = floor; ; ) {
    const page = await db.selectFrom('outbox').select(sql<string>`id::text`.as('id')).where('id', '>', after).orderBy('id').limit(pageSize).execute();
    for (const r of page) committed.push(r.id);
    const last = page.at(-1);
    if (page.length < pageSize || !last) break;
    after = last.id;
  }
  return { floor, committed };
}

/** The latest `limit` streamed rows with id > afterId that pass `filter`, ascending. */
export async function readMissedLiveEvents(db: Db, afterId: string, limit: number, filter: LiveFilter = {}): Promise<LiveEvent[]> {
  let q = db
    .selectFrom('outbox')
    .select(['id', 'pharmacy_id', 'payload'])
    .where('topic', 'in', LIVE_STREAM_TOPICS)
    .where('id', '>', afterId);
  if (filter.pharmacyId !== undefined) q = q.where('pharmacy_id', '=', filter.pharmacyId);
  if (filter.practiceId !== undefined) q = q.where(sql<string>`payload ->> 'practiceId'`, '=', filter.practiceId);
  // Newest first then reversed: a client far behind gets the most recent
  // `limit` events, which join up with the live ones that follow.
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.reverse().map((r) => ({ id: r.id, pharmacyId: r.pharmacy_id, payload: r.payload }));
}
