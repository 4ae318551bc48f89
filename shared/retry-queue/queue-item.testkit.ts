// Test-only: queue items written straight into sync_events, and a source name no other test uses.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { SyncEventStatus } from '../db/database.js';

/** A source only this test claims (workers claim by the sources they have handlers for). */
export function uniqueSource(): string {
  return `test_${randomBytes(5).toString('hex')}`;
}

export interface QueueItemInput {
  source: string;
  kind?: string;
  status?: SyncEventStatus;
  attempts?: number;
  nextAttemptAt?: Date | null;
  lockedUntil?: Date | null;
  receivedAt: Date;
  pharmacyId?: string | null;
  payload?: unknown;
}

/** Inserts one item (default: failed and due at `receivedAt`) and returns its id. */
export async function insertQueueItem(db: Db, input: QueueItemInput): Promise<string> {
  const id = randomUUID();
  const status = input.status ?? 'failed';
  await db
    .insertInto('sync_events')
    .values({
      id,
      direction: 'inbound',
      source: input.source,
      kind: input.kind ?? 'test.item',
      pharmacy_id: input.pharmacyId ?? null,
      idempotency_key: id,
      correlation_id: `corr-${id}`,
      payload: JSON.stringify(input.payload ?? { n: 1 }),
      raw_body: JSON.stringify(input.payload ?? { n: 1 }),
      status,
      attempts: input.attempts ?? 0,
      next_attempt_at: input.nextAttemptAt === undefined ? (status === 'failed' ? input.receivedAt : null) : input.nextAttemptAt,
      locked_until: input.lockedUntil ?? null,
      received_at: input.receivedAt,
    })
    .execute();
  return id;
}

/** The item's queue columns. */
export async function queueState(db: Db, id: string) {
  return db
    .selectFrom('sync_events')
    .select(['status', 'attempts', 'next_attempt_at', 'last_error', 'locked_until', 'processed_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** event_failures rows of the item, in attempt order. */
export async function failuresOf(db: Db, id: string) {
  return db
    .selectFrom('event_failures')
    .select(['attempt', 'error_code', 'error', 'failed_at'])
    .where('sync_event_id', '=', id)
    .orderBy('attempt')
    .execute();
}
