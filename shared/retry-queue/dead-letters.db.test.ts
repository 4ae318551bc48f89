import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import { ManualClock } from '../time/clock.js';
import { openTestDb } from '../../test/support/test-db.js';
import { listDeadLetters, replayDeadLetters } from './dead-letters.js';
import { insertQueueItem, queueState, uniqueSource } from './queue-item.testkit.js';
import { runRetryWorker } from './retry-worker.js';

const handle = openTestDb();
const db = handle.db;
afterAll(() => handle.close());

const T0 = new Date('2026-04-01T08:00:00Z');

function dead(source: string, kind: string, processedAt: Date): Promise<string> {
  return insertQueueItem(db, { source, kind, status: 'dead', attempts: 6, nextAttemptAt: null, receivedAt: processedAt }).then(async (id) => {
    await db.updateTable('sync_events').set({ processed_at: processedAt, last_error: 'gave up' }).where('id', '=', id).execute();
    return id;
  });
}

describe('dead letters', () => {
  it('lists dead letters by source, kind and since, newest first, without bodies', async () => {
    const source = uniqueSource();
    const older = await dead(source, 'a', new Date(T0.getTime() - 86_400_000));
    const newer = await dead(source, 'a', T0);
    const otherKind = await dead(source, 'b', T0);
    await insertQueueItem(db, { source, kind: 'a', receivedAt: T0 }); // failed, not dead
    const all = await listDeadLetters(db, { source });
    expect(all.map((r) => r.id).slice(-1)).toEqual([older]);
    expect(new Set(all.map((r) => r.id))).toEqual(new Set([older, newer, otherKind]));
    expect(Object.keys(all[0] ?? {}).sort()).toEqual(
      ['attempts', 'id', 'kind', 'last_error', 'pharmacy_id', 'practice_id', 'processed_at', 'received_at', 'source'].sort(),
    );
    expect((await listDeadLetters(db, { source, kind: 'a' })).map((r) => r.id)).toEqual([newer, older]);
    expect((await listDeadLetters(db, { source, kind: 'a', since: T0 })).map((r) => r.id)).toEqual([newer]);
    expect(await listDeadLetters(db, { source, limit: 1 })).toHaveLength(1);
  });

  it('lists and replays unroutable deliveries separately from dead ones', async () => {
    const source = uniqueSource();
    const deadOne = await dead(source, 'a', T0);
    const unroutable = await insertQueueItem(db, { source, kind: 'PATIENT_CREATE', status: 'unroutable', attempts: 0, nextAttemptAt: null, receivedAt: T0 });
    expect((await listDeadLetters(db, { source })).map((r) => r.id)).toEqual([deadOne]);
    expect((await listDeadLetters(db, { source, status: 'unroutable' })).map((r) => r.id)).toEqual([unroutable]);
    expect(await replayDeadLetters(db, { source, status: 'unroutable' }, T0)).toEqual({ replayed: 1 });
    expect((await queueState(db, unroutable)).status).toBe('failed');
    expect((await queueState(db, deadOne)).status).toBe('dead');
  });

  it('replays one dead letter by id: due now with a fresh schedule, and the worker then applies it', async () => {
    const source = uniqueSource();
    const id = await dead(source, 'a', T0);
    const untouched = await dead(source, 'a', T0);
    const clock = new ManualClock(new Date(T0.getTime() + 60_000));
    expect(await replayDeadLetters(db, { ids: [id] }, clock.now())).toEqual({ replayed: 1 });
    expect(await queueState(db, id)).toMatchObject({ status: 'failed', attempts: 0, next_attempt_at: clock.now(), locked_until: null });
    expect(await queueState(db, untouched)).toMatchObject({ status: 'dead' });
    const summary = await runRetryWorker(
      { db, log: silentLogger, clock, handlers: { [source]: async () => 'applied' } },
      { limit: 10, leaseSeconds: 60, timeBudgetMs: 30_000 },
    );
    expect(summary).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(await queueState(db, id)).toMatchObject({ status: 'applied', attempts: 1 });
  });

  it('replays every dead letter matching a filter and nothing else', async () => {
    const source = uniqueSource();
    const a1 = await dead(source, 'a', T0);
    const a2 = await dead(source, 'a', T0);
    const b = await dead(source, 'b', T0);
    expect(await replayDeadLetters(db, { source, kind: 'a' }, T0)).toEqual({ replayed: 2 });
    expect((await queueState(db, a1)).status).toBe('failed');
    expect((await queueState(db, a2)).status).toBe('failed');
    expect((await queueState(db, b)).status).toBe('dead');
    // A replayed item is no longer dead: replaying again finds nothing.
    expect(await replayDeadLetters(db, { source, kind: 'a', all: true }, T0)).toEqual({ replayed: 0 });
  });

  it('refuses a replay with neither ids nor a filter unless all is said explicitly', async () => {
    await expect(replayDeadLetters(db, {}, T0)).rejects.toMatchObject({ kind: 'input', code: 'invalid_body' });
    await expect(replayDeadLetters(db, { all: false }, T0)).rejects.toMatchObject({ code: 'invalid_body' });
  });

  it('does not take a status alone for a filter: it picks the queue, so replaying all of one needs all: true', async () => {
    const source = uniqueSource();
    const deadOne = await dead(source, 'a', T0);
    const unroutable = await insertQueueItem(db, { source, kind: 'PATIENT_CREATE', status: 'unroutable', attempts: 0, nextAttemptAt: null, receivedAt: T0 });
    await expect(replayDeadLetters(db, { status: 'dead' }, T0)).rejects.toMatchObject({ kind: 'input', code: 'invalid_body' });
    await expect(replayDeadLetters(db, { status: 'unroutable' }, T0)).rejects.toMatchObject({ kind: 'input', code: 'invalid_body' });
    expect((await queueState(db, deadOne)).status).toBe('dead');
    expect((await queueState(db, unroutable)).status).toBe('unroutable');
    // With any real filter beside it, it still picks the queue.
    expect(await replayDeadLetters(db, { status: 'unroutable', source }, T0)).toEqual({ replayed: 1 });
    expect((await queueState(db, unroutable)).status).toBe('failed');
  });
});
