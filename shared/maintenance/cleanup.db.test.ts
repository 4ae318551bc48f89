import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { DbHandle } from '../db/create-db.js';
import type { SyncEventStatus } from '../db/database.js';
import { silentLogger } from '../log/logger.js';
import { openTestDb } from '../../test/support/test-db.js';
import { sql } from 'kysely';
import { clearBodiesBatch, runCleanup } from './cleanup.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

// Dates in the year 2000: no other test writes rows that old, so the counts are exactly ours.
const NOW = new Date('2000-03-01T00:00:00Z');
const OLD = '2000-01-10T00:00:00Z';
const RECENT = '2000-02-15T00:00:00Z';

async function delivery(status: SyncEventStatus, receivedAt: string, body: { raw?: boolean; payload?: boolean }, processedAt: string | null = null): Promise<string> {
  const id = randomUUID();
  await h.db.insertInto('sync_events').values({
    id, direction: 'inbound', source: 'cleanup-test', kind: 'webhook', pharmacy_id: null, idempotency_key: id, correlation_id: id,
    payload: body.payload ? JSON.stringify({ x: 1 }) : null, raw_body: body.raw ? '{"x":1}' : null, status,
    next_attempt_at: null, last_error: null, processed_at: processedAt, received_at: receivedAt,
  }).execute();
  return id;
}

async function outboxRow(createdAt: string, publishedAt: string | null): Promise<string> {
  const row = await h.db.insertInto('outbox').values({
    topic: 'cleanup-test', pharmacy_id: null, payload: '{}', created_at: createdAt, published_at: publishedAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

describe('runCleanup', () => {
  it('clears bodies only of old deliveries in a final status, deletes old published outbox rows, and logs the counts', async () => {
    const cleared = {
      applied: await delivery('applied', OLD, { raw: true, payload: true }),
      ignored: await delivery('ignored', OLD, { raw: true }),
      dead: await delivery('dead', OLD, { payload: true }),
    };
    const kept = {
      failed: await delivery('failed', OLD, { raw: true, payload: true }),
      unroutable: await delivery('unroutable', OLD, { raw: true, payload: true }),
      received: await delivery('received', OLD, { raw: true, payload: true }),
      processing: await delivery('processing', OLD, { raw: true, payload: true }),
      recent: await delivery('applied', RECENT, { raw: true, payload: true }),
    };
    const oldPublished = await outboxRow(OLD, OLD);
    const recentPublished = await outboxRow(OLD, RECENT);

    const report = await runCleanup(h.db, { now: NOW, retentionDays: 30, log: silentLogger });
    expect(report).toEqual({ rawBodiesCleared: 2, payloadsCleared: 2, outboxDeleted: 1, runId: expect.any(String) as string, complete: true });

    const rows = await h.db.selectFrom('sync_events').select(['id', 'raw_body', 'payload'])
      .where('id', 'in', [...Object.values(cleared), ...Object.values(kept)]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of Object.values(cleared)) expect(byId.get(id)).toEqual({ id, raw_body: null, payload: null });
    for (const id of Object.values(kept)) expect(byId.get(id)).toEqual({ id, raw_body: '{"x":1}', payload: { x: 1 } });
    const outbox = await h.db.selectFrom('outbox').select('id').where('id', 'in', [oldPublished, recentPublished]).execute();
    expect(outbox.map((r) => r.id)).toEqual([recentPublished]);

    const log = await h.db.selectFrom('integration_logs').selectAll().where('id', '=', report.runId).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ source: 'drchrono', kind: 'maintenance', status: 'succeeded', error: null });
    expect(log.details).toMatchObject({ rawBodiesCleared: 2, payloadsCleared: 2, outboxDeleted: 1, retentionDays: 30 });
    expect(log.started_at.toISOString()).toBe(NOW.toISOString());

    const again = await runCleanup(h.db, { now: NOW, retentionDays: 30, log: silentLogger });
    expect(again).toMatchObject({ rawBodiesCleared: 0, payloadsCleared: 0, outboxDeleted: 0 });
    expect(again.runId).not.toBe(report.runId);
  });

  it('measures a finished delivery from when it finished: a dead letter keeps its body the whole retention after it died', async () => {
    // The year 2001: past the first test's cutoff, so the two never clear each other's rows (counts are not asserted here).
    const body = { raw: true, payload: true };
    const diedLate = await delivery('dead', '2001-01-10T00:00:00Z', body, '2001-02-20T00:00:00Z');
    const appliedLate = await delivery('applied', '2001-01-10T00:00:00Z', body, '2001-02-20T00:00:00Z');
    const diedEarly = await delivery('dead', '2001-01-05T00:00:00Z', body, '2001-01-10T00:00:00Z');
    const hasBody = async (id: string) =>
      (await h.db.selectFrom('sync_events').select('raw_body').where('id', '=', id).executeTakeFirstOrThrow()).raw_body !== null;

    await runCleanup(h.db, { now: new Date('2001-03-01T00:00:00Z'), retentionDays: 30, log: silentLogger });
    expect(await hasBody(diedLate)).toBe(true);
    expect(await hasBody(appliedLate)).toBe(true);
    expect(await hasBody(diedEarly)).toBe(false);

    await runCleanup(h.db, { now: new Date('2001-03-25T00:00:00Z'), retentionDays: 30, log: silentLogger });
    expect(await hasBody(diedLate)).toBe(false);
    expect(await hasBody(appliedLate)).toBe(false);
  });

  it('refuses a retention under one day or an invalid time, before touching anything', async () => {
    const runId = randomUUID();
    for (const opts of [{ now: NOW, retentionDays: 0 }, { now: NOW, retentionDays: 1.5 }, { now: new Date('x'), retentionDays: 30 }]) {
      await expect(runCleanup(h.db, { ...opts, log: silentLogger, runId })).rejects.toThrow(RangeError);
    }
    expect(await h.db.selectFrom('integration_logs').select('id').where('id', '=', runId).executeTakeFirst()).toBeUndefined();
  });

  it('finds the bodies to clear through an index of rows that still hold one, not by reading every cleared delivery again', async () => {
    // Cleared rows stay forever (idempotency records): a scan over received_at alone reads the whole
    // history on every batch of every run, which on a large table outlasts the function's timeout.
    // The situation that needs the index: a long history of cleared rows inside the scanned date range. With
    // statistics that show it, the planner must prefer the partial index to a range scan over received_at.
    await sql`insert into sync_events (id, direction, source, kind, pharmacy_id, idempotency_key, correlation_id, status, received_at, processed_at)
      select gen_random_uuid(), 'inbound', 'cleanup-test', 'webhook', null, 'cleared-' || g || '-' || gen_random_uuid(), 'c', 'applied',
        timestamptz '1999-06-01' + g * interval '1 minute', timestamptz '1999-06-01' + g * interval '1 minute'
      from generate_series(1, 20000) g`.execute(h.db);
    await sql`analyze sync_events`.execute(h.db);
    const plan = await h.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const res = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${clearBodiesBatch(NOW)}`.execute(trx);
      return JSON.stringify(res.rows[0]?.['QUERY PLAN']);
    });
    expect(plan).toContain('"Index Name":"sync_events_with_body"');
  });

  it('stops starting batches at its time budget as partial, and the next run finishes the work', async () => {
    // Rows of 1989, retention measured from 1990: the other tests' rows (2000) are all too recent to touch.
    const now = new Date('1990-03-01T00:00:00Z');
    const old = '1989-12-01T00:00:00Z';
    const ids = await Promise.all(Array.from({ length: 5 }, () => delivery('applied', old, { raw: true })));
    await outboxRow(old, old);
    const withBody = async () =>
      (await h.db.selectFrom('sync_events').select('id').where('id', 'in', ids).where('raw_body', 'is not', null).execute()).length;

    const first = await runCleanup(h.db, { now, retentionDays: 30, log: silentLogger, batchSize: 2, timeBudgetMs: 0 });
    expect(first).toMatchObject({ rawBodiesCleared: 2, outboxDeleted: 0, complete: false });
    expect(await withBody()).toBe(3);
    const run = await h.db.selectFrom('integration_logs').select(['status', 'details']).where('id', '=', first.runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'partial', details: { complete: false, rawBodiesCleared: 2 } });

    const second = await runCleanup(h.db, { now, retentionDays: 30, log: silentLogger, batchSize: 2 });
    expect(second).toMatchObject({ rawBodiesCleared: 3, outboxDeleted: 1, complete: true });
    expect(await withBody()).toBe(0);
  });
});
