import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

/** A flush whose calls are recorded and finished by hand, so tests control what is in flight. */
function manualFlush<I, O>(answer: (item: I) => O) {
  const calls: { items: I[]; finish(): void; fail(err: unknown): void }[] = [];
  let running = 0;
  let maxRunning = 0;
  const flush = (items: readonly I[]) =>
    new Promise<O[]>((resolve, reject) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const done = () => (running -= 1);
      calls.push({
        items: [...items],
        finish: () => {
          done();
          resolve(items.map(answer));
        },
        fail: (err) => {
          done();
          reject(err);
        },
      });
    });
  return { flush, calls, maxRunning: () => maxRunning };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A few turns: long enough for finished flushes to hand over to the next ones. */
const settle = async () => {
  for (let i = 0; i < 3; i += 1) await turn();
};

describe('createGroupCommit', () => {
  it('flushes a lone item on the next turn of the event loop, without waiting for company', async () => {
    const f = manualFlush((n: number) => n * 2);
    const submit = createGroupCommit(f.flush, { maxBatch: 10, maxInFlight: 1 });
    const answer = submit(21);
    expect(f.calls).toHaveLength(0);
    await turn();
    expect(f.calls.map((c) => c.items)).toEqual([[21]]);
    f.calls[0]?.finish();
    await expect(answer).resolves.toBe(42);
  });

  it('puts items submitted in the same turn into one flush and answers each with its own result', async () => {
    const f = manualFlush((n: number) => `r${n}`);
    const submit = createGroupCommit(f.flush, { maxBatch: 10, maxInFlight: 1 });
    const answers = [1, 2, 3].map((n) => submit(n));
    await turn();
    expect(f.calls.map((c) => c.items)).toEqual([[1, 2, 3]]);
    f.calls[0]?.finish();
    await expect(Promise.all(answers)).resolves.toEqual(['r1', 'r2', 'r3']);
  });

  it('queues newcomers while maxInFlight flushes run, then sends them together in batches of at most maxBatch', async () => {
    const f = manualFlush((n: number) => n);
    const submit = createGroupCommit(f.flush, { maxBatch: 3, maxInFlight: 1 });
    const first = submit(0);
    await turn();
    const later = [1, 2, 3, 4, 5, 6, 7].map((n) => submit(n));
    await turn();
    expect(f.calls).toHaveLength(1); // the rest wait for the one in flight
    f.calls[0]?.finish();
    await first;
    await settle();
    expect(f.calls.map((c) => c.items)).toEqual([[0], [1, 2, 3]]);
    f.calls[1]?.finish();
    await settle();
    f.calls[2]?.finish();
    await settle();
    f.calls[3]?.finish();
    await expect(Promise.all(later)).resolves.toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(f.calls.map((c) => c.items)).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
    expect(f.maxRunning()).toBe(1);
  });

  it('runs up to maxInFlight flushes at once', async () => {
    const f = manualFlush((n: number) => n);
    const submit = createGroupCommit(f.flush, { maxBatch: 2, maxInFlight: 2 });
    const answers = [1, 2, 3, 4, 5, 6].map((n) => submit(n));
    await turn();
    expect(f.calls.map((c) => c.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    f.calls[1]?.finish();
    await settle();
    expect(f.calls.map((c) => c.items)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    f.calls[0]?.finish();
    f.calls[2]?.finish();
    await expect(Promise.all(answers)).resolves.toEqual([1, 2, 3, 4, 5, 6]);
    expect(f.maxRunning()).toBe(2);
  });

  it('retries each item of a failed batch alone, so only the bad item fails', async () => {
    const flushed: number[][] = [];
    const submit = createGroupCommit(
      async (items: readonly number[]) => {
        flushed.push([...items]);
        if (items.includes(13)) throw new Error('refused: 13');
        return items.map((n) => n + 100);
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([12, 13, 14].map((n) => submit(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 112 },
      { status: 'rejected', reason: new Error('refused: 13') },
      { status: 'fulfilled', value: 114 },
    ]);
    expect(flushed).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('fails a whole batch at once on an error every item would meet, without retrying each alone', async () => {
    const flushed: number[][] = [];
    const down = Object.assign(new Error('timeout exceeded when trying to connect'), { everyone: true });
    const submit = createGroupCommit(
      async (items: readonly number[]) => {
        flushed.push([...items]);
        throw items.length > 1 ? down : new Error('should not be tried alone');
      },
      { maxBatch: 10, maxInFlight: 1, failsEveryItem: (err) => err === down },
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => submit(n)));
    expect(results).toEqual([1, 2, 3].map(() => ({ status: 'rejected', reason: down })));
    expect(flushed).toEqual([[1, 2, 3]]);
  });

  it('retries a failed batch one item at a time, within its own flush slot', async () => {
    let running = 0;
    let most = 0;
    const submit = createGroupCommit(
      async (items: readonly number[]) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        if (items.length > 1) throw new Error('batch refused');
        return items;
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(Promise.all([1, 2, 3, 4].map((n) => submit(n)))).resolves.toEqual([1, 2, 3, 4]);
    expect(most).toBe(1);
  });

  it('treats a flush that answers the wrong number of results as failed, never guessing which answer is whose', async () => {
    const submit = createGroupCommit(async (items: readonly number[]) => (items.length > 1 ? [1] : []), { maxBatch: 10, maxInFlight: 1 });
    const results = await Promise.allSettled([1, 2].map((n) => submit(n)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/returned 0 results for 1 items/);
  });

  it('keeps serving after a failure', async () => {
    let fail = true;
    const submit = createGroupCommit(
      async (items: readonly number[]) => {
        if (fail) throw new Error('database down');
        return items.map(() => 'ok');
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(submit(1)).rejects.toThrow('database down');
    fail = false;
    await expect(submit(2)).resolves.toBe('ok');
  });

  it('refuses limits below one', () => {
    const flush = async (items: readonly number[]) => items;
    expect(() => createGroupCommit(flush, { maxBatch: 0, maxInFlight: 1 })).toThrow(RangeError);
    expect(() => createGroupCommit(flush, { maxBatch: 1, maxInFlight: 0 })).toThrow(RangeError);
  });
});
