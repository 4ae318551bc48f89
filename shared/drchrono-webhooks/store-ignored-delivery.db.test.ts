// The group-committed store of ignored DrChrono deliveries, against real PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/test-db.js';
import { storeIgnoredDelivery, type IgnoredDelivery } from './store-ignored-delivery.js';

const h = openTestDb();
afterAll(() => h.close());

const received = new Date('2026-12-01T10:00:00.123Z');
const finished = new Date('2026-12-01T10:00:00.170Z');

function delivery(over: Partial<IgnoredDelivery> = {}): IgnoredDelivery {
  return {
    id: randomUUID(),
    kind: 'TASK_CREATE',
    idempotencyKey: `test-${randomBytes(8).toString('hex')}`,
    idempotencySource: 'delivery_id',
    signatureForm: 'hmac_sha256',
    correlationId: `corr-${randomBytes(4).toString('hex')}`,
    rawBody: '{"object":{"id":7,"title":"call back"}}',
    receivedAt: received,
    finishedAt: finished,
    ignoredBecause: 'event_not_mirrored',
    ...over,
  };
}

const eventRow = (key: string) => h.db.selectFrom('sync_events').selectAll().where('source', '=', 'drchrono').where('idempotency_key', '=', key).execute();
const logRows = (correlationId: string) => h.db.selectFrom('integration_logs').selectAll().where('correlation_id', '=', correlationId).execute();

describe('storeIgnoredDelivery', () => {
  it('stores the delivery settled as ignored, with the log row a single delivery writes', async () => {
    const d = delivery();
    await expect(storeIgnoredDelivery(h.db, d)).resolves.toBe(true);
    const [event] = await eventRow(d.idempotencyKey);
    expect(event).toMatchObject({
      id: d.id,
      direction: 'inbound',
      source: 'drchrono',
      kind: 'TASK_CREATE',
      pharmacy_id: null,
      practice_id: null,
      idempotency_source: 'delivery_id',
      signature_form: 'hmac_sha256',
      correlation_id: d.correlationId,
      payload: { object: { id: 7, title: 'call back' } },
      raw_body: d.rawBody,
      status: 'ignored',
      attempts: 0,
      last_error: 'event_not_mirrored',
      received_at: received,
      processed_at: received,
    });
    const logs = await logRows(d.correlationId);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      source: 'drchrono',
      kind: 'webhook',
      pharmacy_id: null,
      practice_id: null,
      stream: null,
      status: 'succeeded',
      started_at: received,
      finished_at: finished,
      duration_ms: 47,
      fetched: 0,
      created: 0,
      updated: 0,
      unchanged: 1,
      invalid: 0,
      failed: 0,
      counts: { fetched: 0, created: 0, updated: 0, unchanged: 1, invalid: 0, failed: 0 },
      error_code: null,
      error: null,
      details: { event: 'TASK_CREATE', syncEventId: d.id, signatureForm: 'hmac_sha256', ignored: 'event_not_mirrored' },
    });
  });

  it('writes nothing for a repeat, whether it comes later or in the same batch', async () => {
    const first = delivery();
    await storeIgnoredDelivery(h.db, first);
    const later = delivery({ idempotencyKey: first.idempotencyKey, correlationId: first.correlationId });
    await expect(storeIgnoredDelivery(h.db, later)).resolves.toBe(false);

    const twin = delivery();
    const twins = [twin, delivery({ idempotencyKey: twin.idempotencyKey, correlationId: twin.correlationId })];
    const answers = await Promise.all(twins.map((d) => storeIgnoredDelivery(h.db, d))); // one turn: one batch
    expect(answers.filter(Boolean)).toHaveLength(1);

    for (const d of [first, twin]) {
      const events = await eventRow(d.idempotencyKey);
      expect(events).toHaveLength(1);
      expect(await logRows(d.correlationId)).toHaveLength(1);
    }
    const winner = twins[answers.indexOf(true)];
    expect((await eventRow(twin.idempotencyKey))[0]?.id).toBe(winner?.id);
  });

  it('stores every one of many concurrent deliveries exactly once, each answered for itself', async () => {
    const many = Array.from({ length: 300 }, () => delivery());
    const answers = await Promise.all(many.map((d) => storeIgnoredDelivery(h.db, d)));
    expect(answers.every((a) => a)).toBe(true);
    const keys = many.map((d) => d.idempotencyKey);
    const rows = await h.db.selectFrom('sync_events').select(['id', 'idempotency_key']).where('idempotency_key', 'in', keys).execute();
    expect(new Map(rows.map((r) => [r.idempotency_key, r.id]))).toEqual(new Map(many.map((d) => [d.idempotencyKey, d.id])));
    const logs = await h.db
      .selectFrom('integration_logs')
      .select('correlation_id')
      .where(
        'correlation_id',
        'in',
        many.map((d) => d.correlationId),
      )
      .execute();
    expect(logs).toHaveLength(300);
  });

  it('fails only the delivery PostgreSQL refuses; the rest of its batch is stored', async () => {
    // A raw body that is not JSON breaks the batch statement (its payload is cast from it).
    const good = [delivery(), delivery()];
    const bad = delivery({ rawBody: 'not json' });
    const results = await Promise.allSettled([good[0], bad, good[1]].map((d) => storeIgnoredDelivery(h.db, d!)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    for (const d of good) expect(await eventRow(d.idempotencyKey)).toHaveLength(1);
    expect(await eventRow(bad.idempotencyKey)).toHaveLength(0);
    expect(await logRows(bad.correlationId)).toHaveLength(0);
  });

  it('keeps a delivery whose JSON jsonb cannot hold (\\u0000), raw body intact and payload empty', async () => {
    const d = delivery({ rawBody: '{"object":{"id":8,"title":"a\\u0000b"}}' });
    await expect(storeIgnoredDelivery(h.db, d)).resolves.toBe(true);
    const [event] = await eventRow(d.idempotencyKey);
    expect(event).toMatchObject({ status: 'ignored', payload: null, raw_body: d.rawBody });
  });
});
