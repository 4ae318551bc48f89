/** Dead letters: items the queue gave up on, listed for a person and replayed once the cause is fixed. */
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';
import { DEFAULT_DEAD_LETTER_LIMIT, type DeadLetterFilter, type ReplayRequest } from './dead-letter-filter.js';

/** A dead letter as shown to an admin: no payload or raw body (they may hold PHI). */
export interface DeadLetter {
  id: string;
  source: string;
  kind: string;
  pharmacy_id: string | null;
  practice_id: string | null;
  attempts: number;
  last_error: string | null;
  received_at: Date;
  processed_at: Date | null;
}

type FilterFields = Omit<DeadLetterFilter, 'limit'>;

// A dynamic filter over sync_events' dead rows; `since` is when it was dead-lettered (its last processing).
function deadWhere(db: Db, f: FilterFields) {
  let q = db.selectFrom('sync_events').where('status', '=', f.status ?? 'dead');
  if (f.source !== undefined) q = q.where('source', '=', f.source);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  if (f.pharmacyId !== undefined) q = q.where('pharmacy_id', '=', f.pharmacyId);
  if (f.practiceId !== undefined) q = q.where('practice_id', '=', f.practiceId);
  if (f.since !== undefined) q = q.where('processed_at', '>=', f.since);
  return q;
}

/** The newest dead letters matching `filter` (at most `limit`, default 100). */
export async function listDeadLetters(db: Db, filter: DeadLetterFilter): Promise<DeadLetter[]> {
  return deadWhere(db, filter)
    .select(['id', 'source', 'kind', 'pharmacy_id', 'practice_id', 'attempts', 'last_error', 'received_at', 'processed_at'])
    .orderBy('processed_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? DEFAULT_DEAD_LETTER_LIMIT)
    .execute();
}

/**
 * Puts matching dead letters back in the queue as due now with a fresh
 * schedule (attempts 0). Refuses an empty filter unless `all: true`, so
 * "replay everything" is always said out loud; a status alone is an empty
 * filter ("every unroutable delivery" is everything of that queue).
 */
export async function replayDeadLetters(db: Db, request: ReplayRequest, now: Date): Promise<{ replayed: number }> {
  const { ids, all, ...filter } = request;
  // status only picks the queue (dead or unroutable); it narrows nothing within it.
  const { status: _queue, ...narrowing } = filter;
  const narrowed = ids !== undefined || Object.values(narrowing).some((v) => v !== undefined);
  if (!narrowed && all !== true) {
    throw new AppError(
      'input',
      'invalid_body',
      'name ids or a filter (source, kind, pharmacyId, practiceId, since), or pass all: true (status alone is not a filter)',
    );
  }
  let chosen = deadWhere(db, filter).select('id');
  if (ids !== undefined) chosen = chosen.where('id', 'in', ids);
  const result = await db
    .updateTable('sync_events')
    .set({ status: 'failed', attempts: 0, next_attempt_at: now, locked_until: null })
    .where('status', '=', filter.status ?? 'dead')
    .where('id', 'in', chosen)
    .executeTakeFirst();
  return { replayed: Number(result.numUpdatedRows) };
}
