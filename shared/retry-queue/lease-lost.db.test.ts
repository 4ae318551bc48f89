import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import { ManualClock } from '../time/clock.js';
import { openTestDb } from '../../test/support/test-db.js';
import { claimDue } from './claim-due.js';
import { releaseClaim } from './mark-processed.js';
import { failuresOf, insertQueueItem, queueState, uniqueSource } from './queue-item.testkit.js';
import { RETRY_DELAYS_MS } from './retry-schedule.js';
import { runRetryWorker, type RetryHandler } from './retry-worker.js';

const handle = openTestDb();
const db = handle.db;
afterAll(() => handle.close());

const OPTS = { limit: 10, leaseSeconds: 300, timeBudgetMs: 60_000 };
const T0 = new Date('2026-03-02T12:00:00Z');
const PAST_LEASE_MS = OPTS.leaseSeconds * 1000 + 1000;

/** A handler whose first call waits until `release()` and then answers (or throws) `first`; later calls answer 'ignored'. */
function stalledOnce(first: () => 'applied') {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let entered = () => {};
  const started = new Promise<void>((resolve) => (entered = resolve));
  let calls = 0;
  const handler: RetryHandler = async () => {
    calls += 1;
    if (calls > 1) return 'ignored';
    entered();
    await gate;
    return first();
  };
  return { handler, started, release: () => release() };
}

describe('a worker that lost its lease', () => {
  it("does not overwrite the current holder's result when its slow handler finally succeeds", async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const id = await insertQueueItem(db, { source, receivedAt: T0 });
    const slow = stalledOnce(() => 'applied');
    const run = () => runRetryWorker({ db, log: silentLogger, clock, handlers: { [source]: slow.handler } }, OPTS);

    const a = run();
    await slow.started;
    clock.advance(PAST_LEASE_MS);
    expect(await run()).toMatchObject({ claimed: 1, failed: 1 }); // B: lease_expired, due in a minute
    clock.advance(RETRY_DELAYS_MS[0] ?? 0);
    expect(await run()).toMatchObject({ claimed: 1, succeeded: 1 }); // C: runs it, answers 'ignored'
    slow.release();
    expect(await a).toMatchObject({ claimed: 1, succeeded: 0, failed: 0, leaseLost: 1 });
    expect(await queueState(db, id)).toMatchObject({ status: 'ignored', attempts: 2 });
  });

  it('does not record its failure over the current holder, nor add an event_failures row', async () => {
    const clock = new ManualClock(T0);
    const source = uniqueSource();
    const id = await insertQueueItem(db, { source, receivedAt: T0 });
    const slow = stalledOnce(() => {
      throw new Error('timed out');
    });
    const run = () => runRetryWorker({ db, log: silentLogger, clock, handlers: { [source]: slow.handler } }, OPTS);

    const a = run();
    await slow.started;
    clock.advance(PAST_LEASE_MS);
    // B reclaims and holds it (claimed directly, so it is still 'processing' under B's lease).
    const [held] = await claimDue(db, { now: clock.now(), limit: 10, leaseSeconds: 300, sources: [source] });
    slow.release();
    expect(await a).toMatchObject({ claimed: 1, failed: 0, dead: 0, leaseLost: 1 });
    expect(await queueState(db, id)).toMatchObject({ status: 'processing', attempts: 0, locked_until: held?.locked_until });
    expect(await failuresOf(db, id)).toEqual([]);
  });

  it('cannot release a claim another worker has since taken over', async () => {
    const source = uniqueSource();
    const id = await insertQueueItem(db, { source, receivedAt: T0 });
    const [stale] = await claimDue(db, { now: T0, limit: 1, leaseSeconds: 60, sources: [source] });
    const later = new Date(T0.getTime() + 61_000);
    const [current] = await claimDue(db, { now: later, limit: 1, leaseSeconds: 60, sources: [source] });
    if (!stale || !current) throw new Error('both claims should have found the item');
    expect(await releaseClaim(db, { id, prior_status: 'failed', locked_until: stale.locked_until })).toBe(false);
    expect(await queueState(db, id)).toMatchObject({ status: 'processing', locked_until: current.locked_until });
    expect(await releaseClaim(db, { id, prior_status: 'failed', locked_until: current.locked_until })).toBe(true);
    expect(await queueState(db, id)).toMatchObject({ status: 'failed', locked_until: null });
  });
});
