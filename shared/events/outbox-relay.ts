/**
 * Relays committed outbox rows to Pub/Sub (DESIGN principle 4: nothing is
 * lost). Rows are claimed with FOR UPDATE SKIP LOCKED, so relays running at
 * once on different instances never publish the same row; published_at is
 * set in the same transaction, only for rows the broker accepted. A publish
 * that fails leaves its row unpublished for the next run. Delivery is
 * at-least-once (a commit lost after a publish republishes that row), so
 * consumers dedupe on the `outboxId` attribute.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Logger } from '../log/logger.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { Publisher } from './publisher.js';

export interface RelayOptions {
  /** The Pub/Sub topic every outbox row goes to (CHANGE_EVENTS_TOPIC). */
  topicName: string;
  /** Rows claimed per transaction. */
  batchSize?: number;
  log: Logger;
  clock?: Clock;
  /** Stop starting new batches after this long, so one run fits in the function's timeout. */
  budgetMs?: number;
}

export interface RelayResult {
  published: number;
  failed: number;
}

/** Publishes unpublished outbox rows in id order, batch by batch, until none are left or the budget is spent. */
export async function relayOutbox(db: Db, publisher: Publisher, opts: RelayOptions): Promise<RelayResult> {
  const clock = opts.clock ?? systemClock;
  const batchSize = opts.batchSize ?? 100;
  const deadline = clock.now().getTime() + (opts.budgetMs ?? 45_000);
  const total: RelayResult = { published: 0, failed: 0 };
  // Within one run we move past rows that failed, so they wait for the next run instead of looping here.
  let after = '0';
  for (;;) {
    const batch = await relayBatch(db, publisher, opts.topicName, after, batchSize, opts.log);
    total.published += batch.published;
    total.failed += batch.failed;
    if (batch.claimed < batchSize || clock.now().getTime() >= deadline) break;
    after = batch.lastId;
  }
  if (total.published > 0 || total.failed > 0) opts.log.info('outbox relayed', { ...total });
  return total;
}

async function relayBatch(
  db: Db,
  publisher: Publisher,
  topicName: string,
  after: string,
  limit: number,
  log: Logger,
): Promise<RelayResult & { claimed: number; lastId: string }> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .select(['id', 'topic', 'pharmacy_id', 'payload'])
      .where('published_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    const results = await Promise.allSettled(
      rows.map((r) =>
        publisher.publish(topicName, {
          data: r.payload,
          attributes: {
            outboxId: r.id,
            topic: r.topic,
            ...(r.pharmacy_id === null ? {} : { pharmacyId: r.pharmacy_id }),
          },
        }),
      ),
    );
    const ok = rows.filter((_, i) => results[i]?.status === 'fulfilled').map((r) => r.id);
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') log.warn('outbox publish failed; row kept for the next run', { outboxId: rows[i]?.id });
    }
    if (ok.length > 0) {
      await trx.updateTable('outbox').set({ published_at: sql<Date>`now()` }).where('id', 'in', ok).execute();
    }
    return {
      claimed: rows.length,
      lastId: rows.at(-1)?.id ?? after,
      published: ok.length,
      failed: rows.length - ok.length,
    };
  });
}
