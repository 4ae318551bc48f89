/**
 * Group commit: many concurrent callers each submit one item and wait for it,
 * while the items travel to the database together, several per statement.
 *
 * Under load a webhook endpoint spends most of its time on per-statement cost
 * (a round trip, a parse/plan and a WAL flush per commit on the server, a
 * query object and its promises in Node) rather than on the rows. Batching
 * keeps each caller's promise (it settles only after its own row committed:
 * nothing is answered before it is stored) and pays that cost once per batch.
 *
 * The batching is natural, not timed: an idle batcher flushes on the next turn
 * of the event loop (a lone request waits for no timer); while `maxInFlight`
 * flushes run, newcomers queue, and the next flush takes up to `maxBatch` of
 * them. When a batch fails, each of its items is retried alone, one after
 * another, so one bad item fails only its own caller; unless the error is one
 * that would fail every item alike (`failsEveryItem`: the database is down),
 * which answers the whole batch at once rather than making its last caller
 * wait out one connection timeout per item ahead of it.
 */

/** Writes `items` in one go and returns one result per item, in the same order. */
export type FlushBatch<I, O> = (items: readonly I[]) => Promise<readonly O[]>;

export interface GroupCommitOptions {
  /** Most items in one flush. */
  maxBatch: number;
  /** Most flushes running at once (each holds a pooled connection while it runs). */
  maxInFlight: number;
  /** True for an error no item can escape (the database is unavailable): the batch fails as a whole, untried alone. */
  failsEveryItem?: (err: unknown) => boolean;
}

export type SubmitItem<I, O> = (item: I) => Promise<O>;

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

/** A submit function that batches items into `flush` calls. */
export function createGroupCommit<I, O>(flush: FlushBatch<I, O>, options: GroupCommitOptions): SubmitItem<I, O> {
  if (!(options.maxBatch >= 1 && options.maxInFlight >= 1)) throw new RangeError('group commit needs maxBatch ≥ 1 and maxInFlight ≥ 1');
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const runBatch = async (batch: Waiting<I, O>[]): Promise<void> => {
    try {
      const results = await flush(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`group commit: flush returned ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(results[i] as O));
    } catch (err) {
      if (batch.length === 1 || options.failsEveryItem?.(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      // Which item broke the batch is unknown: each gets its own attempt and its own answer. One after another,
      // still within this flush's slot: up to maxBatch retries at once would take the whole connection pool.
      for (const w of batch) await runBatch([w]);
    }
  };

  const pump = (): void => {
    scheduled = false;
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        schedule();
      });
    }
  };

  const schedule = (): void => {
    if (scheduled || queue.length === 0 || inFlight >= options.maxInFlight) return;
    scheduled = true;
    // setImmediate, not a timer: requests already parsed in this turn join the batch, and nobody waits longer.
    setImmediate(pump);
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
