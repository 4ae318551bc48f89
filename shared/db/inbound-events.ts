/** Inbound deliveries in sync_events: stored raw first, then marked applied or failed. */
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { SyncEventStatus, SyncEventsTable } from './database.js';
import type { Db } from './create-db.js';
import { jsonbAccepts, storableText } from './postgres-text-limits.js';

export interface InboundEventInput {
  id: string;
  source: string;
  kind: string;
  pharmacyId: string;
  idempotencyKey: string;
  correlationId: string;
  rawBody: string;
  /** The parsed body; null when it did not parse. */
  payload: unknown;
  status: 'received' | 'failed';
  lastError?: string;
  receivedAt: Date;
}

export type InsertInboundResult = { inserted: true } | { inserted: false; existingId: string; status: SyncEventStatus };

/**
 * Stores a sync_events row once per (source, idempotency key); a repeat returns
 * the stored row's id and status and changes nothing. Every inbound source
 * (DRX, DrChrono, Deep Cura) stores its deliveries through this.
 */
export async function storeEventOnce(db: Db, values: Insertable<SyncEventsTable>): Promise<InsertInboundResult> {
  const row = await db
    .insertInto('sync_events')
    .values(storableValues(values))
    .onConflict((oc) => oc.columns(['source', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { inserted: true };
  const existing = await db
    .selectFrom('sync_events')
    .select(['id', 'status'])
    .where('source', '=', values.source)
    .where('idempotency_key', '=', values.idempotency_key)
    .executeTakeFirstOrThrow();
  return { inserted: false, existingId: existing.id, status: existing.status };
}

/**
 * A delivery PostgreSQL would refuse must still be kept: a payload jsonb cannot hold is left out (the raw
 * body keeps it; retries parse that), and NULs in the raw body become U+FFFD.
 */
function storableValues(values: Insertable<SyncEventsTable>): Insertable<SyncEventsTable> {
  const { payload, raw_body: raw } = values;
  return {
    ...values,
    payload: typeof payload === 'string' && !jsonbAccepts(payload) ? null : payload,
    raw_body: typeof raw === 'string' ? storableText(raw) : raw,
  };
}

/** Stores a pharmacy's delivery once (see storeEventOnce). */
export async function insertInboundEvent(db: Db, input: InboundEventInput): Promise<InsertInboundResult> {
  return storeEventOnce(db, {
    id: input.id,
    direction: 'inbound',
    source: input.source,
    kind: input.kind,
    pharmacy_id: input.pharmacyId,
    idempotency_key: input.idempotencyKey,
    correlation_id: input.correlationId,
    payload: input.payload === null ? null : JSON.stringify(input.payload),
    raw_body: input.rawBody,
    status: input.status,
    attempts: input.status === 'failed' ? 1 : 0,
    last_error: input.lastError ?? null,
    received_at: input.receivedAt,
  });
}

/** Marks an event applied (inside the transaction that applied it). */
export async function markEventApplied(trx: Db, id: string, at: Date): Promise<void> {
  await trx
    .updateTable('sync_events')
    .set({ status: 'applied', processed_at: at, last_error: null, next_attempt_at: null, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

/**
 * Marks an event failed and records the attempt in event_failures.
 * `nextAttemptAt` null means retrying cannot help (the record itself is bad).
 */
export async function markEventFailed(
  trx: Db,
  input: { id: string; errorCode: string; error: string; at: Date; nextAttemptAt: Date | null },
): Promise<number> {
  const row = await trx
    .updateTable('sync_events')
    .set({
      status: 'failed',
      attempts: sql<number>`attempts + 1`,
      last_error: input.error,
      next_attempt_at: input.nextAttemptAt,
      processed_at: input.at,
    })
    .where('id', '=', input.id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('event_failures')
    .values({ sync_event_id: input.id, attempt: row.attempts, error_code: input.errorCode, error: input.error, failed_at: input.at })
    .execute();
  return row.attempts;
}
