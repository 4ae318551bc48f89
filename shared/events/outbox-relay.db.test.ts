import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import type { DbHandle } from '../db/create-db.js';
import { silentLogger } from '../log/logger.js';
import { createRecordingPublisher } from '../runtime/recording-publisher.js';
import { relayOutbox } from './outbox-relay.js';
import type { Publisher } from './publisher.js';
import { writeOutbox } from './write-outbox.js';

let h: DbHandle;
const topicName = 'test-change-events';

beforeAll(() => {
  h = openTestDb(6);
});
afterAll(async () => {
  await h?.close();
});

async function writeRows(pharmacyId: string, n: number): Promise<string[]> {
  return h.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await writeOutbox(trx, 'change-events', pharmacyId, { kind: 'prescription.upserted', seq: i }));
    return ids;
  });
}

async function unpublished(ids: string[]): Promise<string[]> {
  const rows = await h.db.selectFrom('outbox').select('id').where('id', 'in', ids).where('published_at', 'is', null).orderBy('id').execute();
  return rows.map((r) => r.id);
}

describe('relayOutbox', () => {
  it('publishes each of 50 rows exactly once in total when two relays run at the same time', async () => {
    const ph = uniquePharmacyId();
    const ids = await writeRows(ph, 50);
    const [p1, p2] = [createRecordingPublisher(), createRecordingPublisher()];
    const opts = { topicName, batchSize: 7, log: silentLogger };
    await Promise.all([relayOutbox(h.db, p1, opts), relayOutbox(h.db, p2, opts)]);

    const mine = [...p1.published, ...p2.published].filter((m) => m.message.attributes.pharmacyId === ph);
    expect(mine.map((m) => m.message.attributes.outboxId).sort()).toEqual([...ids].sort());
    expect(mine.every((m) => m.topic === topicName && m.message.attributes.topic === 'change-events')).toBe(true);
    expect(await unpublished(ids)).toEqual([]);
  });

  it('publishes the payload as data with outboxId, topic and pharmacyId attributes', async () => {
    const ph = uniquePharmacyId();
    const [id] = await writeRows(ph, 1);
    const p = createRecordingPublisher();
    await relayOutbox(h.db, p, { topicName, log: silentLogger });
    expect(p.published.find((m) => m.message.attributes.outboxId === id)?.message).toEqual({
      data: { kind: 'prescription.upserted', seq: 0 },
      attributes: { outboxId: id, topic: 'change-events', pharmacyId: ph },
    });
  });

  it('leaves a row whose publish failed unpublished, publishes the rest, and publishes it on the next run', async () => {
    const ph = uniquePharmacyId();
    const ids = await writeRows(ph, 5);
    const bad = ids[2];
    const recorder = createRecordingPublisher();
    const flaky: Publisher = {
      publish: (topic, message) =>
        message.attributes.outboxId === bad ? Promise.reject(new Error('broker unavailable')) : recorder.publish(topic, message),
    };
    const first = await relayOutbox(h.db, flaky, { topicName, batchSize: 2, log: silentLogger });
    expect(first.failed).toBe(1);
    expect(await unpublished(ids)).toEqual([bad]);

    const next = createRecordingPublisher();
    const second = await relayOutbox(h.db, next, { topicName, log: silentLogger });
    expect(second.failed).toBe(0);
    expect(next.published.map((m) => m.message.attributes.outboxId)).toContain(bad);
    expect(await unpublished(ids)).toEqual([]);
  });

  it('stops starting batches once its time budget is spent, leaving the rest for the next run', async () => {
    const ph = uniquePharmacyId();
    const ids = await writeRows(ph, 6);
    const p = createRecordingPublisher();
    const result = await relayOutbox(h.db, p, { topicName, batchSize: 1, budgetMs: 0, log: silentLogger });
    expect(result.published).toBe(1);
    expect((await unpublished(ids)).length).toBeGreaterThanOrEqual(5);
  });
});
