import { afterAll, describe, expect, it } from 'vitest';
import { setTimeout as tick } from 'node:timers/promises';
import { AppError } from '../errors/app-error.js';
import { silentLogger } from '../log/logger.js';
import { ManualClock } from '../time/clock.js';
import { openTestDb } from '../../test/support/test-db.js';
import { claimDue } from './claim-due.js';
import { failuresOf, insertQueueItem, queueState, uniqueSource } from './queue-item.testkit.js';
import { RETRY_DELAYS_MS } from './retry-schedule.js';
import { runRetryWorker, type RetryHandler } from './retry-worker.js';

const handle = openTestDb();
const db = handle.db;
afterAll(() => handle.close());

const OPTS = { limit: 50, leaseSeconds: 300, timeBudgetMs: 60_000 };
const T0 = new Date('2026-03-01T12:00:00Z');

function worker(clock: ManualClock, source: string, handler: RetryHandler, on = db) {
  return (opts: Partial<typeof OPTS> = {}) => runRetryWorker({ db: on, log: silentLogger, clock, handlers: { [source]: handler } }, { ...OPTS, ...opts });
}

describe('runRetryWorker', () => {
  it('walks the whole backoff schedule (1 m, 5 m, 15 m, 1 h, 6 h), never early, then dead-letters on the 6th failure', async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const id = await insertQueueItem(db, { source, receivedAt: T0 });
    let calls = 0;
    const run = worker(clock, source, async () => {
      calls += 1;
      throw new Error('lookup failed for patient Jane Roe');
    });
    for (const [i, delay] of RETRY_DELAYS_MS.entries()) {
      expect(await run()).toMatchObject({ claimed: 1, failed: 1, dead: 0 });
      const state = await queueState(db, id);
      expect(state).toMatchObject({ status: 'failed', attempts: i + 1, locked_until: null, last_error: 'unexpected Error' });
      expect(state.next_attempt_at?.getTime()).toBe(clock.now().getTime() + delay);
      clock.advance(delay - 1);
      expect(await run()).toMatchObject({ claimed: 0 });
      clock.advance(1);
    }
    expect(await run()).toMatchObject({ claimed: 1, failed: 0, dead: 1 });
    expect(await queueState(db, id)).toMatchObject({ status: 'dead', attempts: 6, next_attempt_at: null });
    expect(calls).toBe(6);
    const failures = await failuresOf(db, id);
    expect(failures.map((f) => f.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(failures.every((f) => f.error_code === 'internal' && !f.error.includes('Jane'))).toBe(true);
    clock.advance(RETRY_DELAYS_MS.at(-1) ?? 0);
    expect(await run()).toMatchObject({ claimed: 0 });
  });

  it('dead-letters a permanent error at once with its reason, and retries a conflict', async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const permanent = await insertQueueItem(db, { source, kind: 'test.permanent', receivedAt: T0 });
    const conflict = await insertQueueItem(db, { source, kind: 'test.conflict', receivedAt: T0 });
    const run = worker(clock, source, async (e) => {
      if (e.kind === 'test.permanent') throw new AppError('permanent', 'bad_payload', 'note has no appointment id');
      throw new AppError('conflict', 'sync_running', 'a sync is running');
    });
    expect(await run()).toMatchObject({ claimed: 2, dead: 1, failed: 1 });
    expect(await queueState(db, permanent)).toMatchObject({ status: 'dead', attempts: 1, next_attempt_at: null, last_error: 'note has no appointment id' });
    expect(await failuresOf(db, permanent)).toEqual([expect.objectContaining({ attempt: 1, error_code: 'bad_payload' })]);
    expect(await queueState(db, conflict)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('lets the other items flow while a poison item fails, and dead-letters the poison after the schedule', async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    // The poison item is the most overdue, so it is first in every batch.
    const poison = await insertQueueItem(db, { source, receivedAt: new Date(T0.getTime() - 3_600_000) });
    const healthy = await Promise.all([1, 2, 3, 4].map(() => insertQueueItem(db, { source, receivedAt: T0 })));
    const run = worker(clock, source, async (e) => {
      if (e.id === poison) throw new Error('boom');
      return 'applied';
    });
    expect(await run({ limit: 5 })).toMatchObject({ claimed: 5, succeeded: 4, failed: 1 });
    for (const id of healthy) expect(await queueState(db, id)).toMatchObject({ status: 'applied', attempts: 1, last_error: null });
    for (const delay of RETRY_DELAYS_MS) {
      clock.advance(delay);
      await insertQueueItem(db, { source, receivedAt: clock.now() });
      const pass = await run({ limit: 5 });
      expect(pass.succeeded).toBe(1);
      expect(pass.failed + pass.dead).toBe(1);
    }
    expect(await queueState(db, poison)).toMatchObject({ status: 'dead', attempts: 6 });
  });

  it('has two workers on two pools drain 40 items with every item processed exactly once', async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const ids = await Promise.all(Array.from({ length: 40 }, () => insertQueueItem(db, { source, receivedAt: T0 })));
    const calls = new Map<string, number>();
    const handler: RetryHandler = async (e) => {
      calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
      await tick(1); // let the other worker interleave
      return 'ignored';
    };
    const second = openTestDb();
    try {
      const drain = async (run: ReturnType<typeof worker>) => {
        let total = 0;
        for (let claimed = -1; claimed !== 0; ) {
          const pass = await run({ limit: 3 });
          claimed = pass.claimed;
          total += pass.succeeded;
        }
        return total;
      };
      const [a, b] = await Promise.all([drain(worker(clock, source, handler)), drain(worker(clock, source, handler, second.db))]);
      expect(a + b).toBe(40);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
    expect([...calls.keys()].sort()).toEqual([...ids].sort());
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    for (const id of ids) expect((await queueState(db, id)).status).toBe('ignored');
  });

  it("reclaims a crashed worker's item only after its lease, counting the lost attempt, then processes it", async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const id = await insertQueueItem(db, { source, receivedAt: T0 });
    // A worker claims it and dies without a word.
    expect(await claimDue(db, { now: T0, limit: 10, leaseSeconds: 60, sources: [source] })).toHaveLength(1);
    const handled: string[] = [];
    const run = worker(clock, source, async (e) => {
      handled.push(e.id);
      return 'applied';
    });
    clock.advance(59_000);
    expect(await run()).toMatchObject({ claimed: 0 });
    clock.advance(2_000);
    expect(await run()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await queueState(db, id)).toMatchObject({ status: 'failed', attempts: 1, locked_until: null });
    expect(await failuresOf(db, id)).toEqual([expect.objectContaining({ attempt: 1, error_code: 'lease_expired' })]);
    expect(handled).toEqual([]);
    clock.advance(RETRY_DELAYS_MS[0] ?? 0);
    expect(await run()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(handled).toEqual([id]);
    expect(await queueState(db, id)).toMatchObject({ status: 'applied', attempts: 2 });
  });

  it('charges only the item a worker died on: items it had not started are neither held nor charged', async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const ids = await Promise.all([1, 2, 3].map(() => insertQueueItem(db, { source, receivedAt: T0 })));
    let poison: string | undefined;
    const handled: string[] = [];
    const run = worker(clock, source, async (e) => {
      if (poison === undefined) {
        poison = e.id;
        return new Promise<never>(() => undefined); // hangs: its worker is killed at its timeout
      }
      handled.push(e.id);
      return 'applied';
    });
    void run();
    await tick(300);
    expect(poison).toBeDefined();
    // Another pass, while the first is stuck and after its lease ran out: the poison costs one attempt, the rest flow.
    clock.advance(301_000);
    expect(await run()).toMatchObject({ claimed: 3, succeeded: 2, failed: 1 });
    const healthy = ids.filter((id) => id !== poison);
    expect(handled.sort()).toEqual([...healthy].sort());
    for (const id of healthy) expect(await failuresOf(db, id)).toEqual([]);
    expect(await failuresOf(db, poison ?? '')).toEqual([expect.objectContaining({ attempt: 1, error_code: 'lease_expired' })]);
  });

  it('picks up a delivery left "received" for over 5 minutes, but not a fresh one', async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const orphan = await insertQueueItem(db, { source, status: 'received', receivedAt: new Date(T0.getTime() - 5 * 60_000 - 1) });
    const fresh = await insertQueueItem(db, { source, status: 'received', receivedAt: new Date(T0.getTime() - 60_000) });
    const run = worker(clock, source, async () => 'applied');
    expect(await run()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(await queueState(db, orphan)).toMatchObject({ status: 'applied' });
    expect(await queueState(db, fresh)).toMatchObject({ status: 'received', attempts: 0 });
  });

  it('never claims items of a source it has no handler for', async () => {
    const clock = new ManualClock(T0);
    const mine = uniqueSource();
    const other = uniqueSource();
    const id = await insertQueueItem(db, { source: other, receivedAt: T0 });
    const summary = await runRetryWorker({ db, log: silentLogger, clock, handlers: { [mine]: async () => 'applied', [other]: undefined } }, OPTS);
    expect(summary.claimed).toBe(0);
    expect(await queueState(db, id)).toMatchObject({ status: 'failed', attempts: 0, locked_until: null });
  });

  it('leaves the items it had no time for exactly as they were, unclaimed and without counting an attempt', async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    await Promise.all([1, 2, 3].map(() => insertQueueItem(db, { source, receivedAt: T0 })));
    const run = worker(clock, source, async () => {
      clock.advance(10_000); // one slow item uses the whole budget
      return 'applied';
    });
    expect(await run({ timeBudgetMs: 10_000 })).toMatchObject({ claimed: 1, succeeded: 1, released: 0 });
    const left = await db.selectFrom('sync_events').select(['status', 'attempts', 'locked_until']).where('source', '=', source).where('status', '!=', 'applied').execute();
    expect(left).toEqual([
      { status: 'failed', attempts: 0, locked_until: null },
      { status: 'failed', attempts: 0, locked_until: null },
    ]);
    expect(await run({ timeBudgetMs: 30_000 })).toMatchObject({ claimed: 2, succeeded: 2 });
  });

  it("keeps a handler's note on an item it ignores for a reason, and clears the last failure's reason otherwise", async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const [noted, plain] = [await insertQueueItem(db, { source, receivedAt: T0 }), await insertQueueItem(db, { source, receivedAt: T0 })];
    await db.updateTable('sync_events').set({ last_error: 'unexpected Error' }).where('source', '=', source).execute();
    const run = worker(clock, source, async (e) => (e.id === noted ? { status: 'ignored', note: 'duplicate of note 7' } : 'ignored'));
    expect(await run()).toMatchObject({ claimed: 2, succeeded: 2 });
    expect(await queueState(db, noted)).toMatchObject({ status: 'ignored', attempts: 1, last_error: 'duplicate of note 7', next_attempt_at: null });
    expect(await queueState(db, plain)).toMatchObject({ status: 'ignored', attempts: 1, last_error: null });
  });

  it('refuses a time budget that is not shorter than the lease', async () => {
    const run = worker(new ManualClock(T0), uniqueSource(), async () => 'applied');
    await expect(run({ timeBudgetMs: 300_000, leaseSeconds: 300 })).rejects.toMatchObject({ code: 'invalid_query' });
  });
});
