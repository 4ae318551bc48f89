// Test-only: a DrChrono API whose first answer to one kind of call is held
// back after it arrived, as when the instance that fetched it stalls (a slow
// instance, a GC pause) before writing what it read.
import type { DrChronoApi } from '../drchrono/drchrono-api.js';

export interface HeldAnswer {
  api: DrChronoApi;
  /** Resolves once the held call's answer has arrived: what it read is fixed from then on. */
  answered: Promise<void>;
  /** Lets the held call return its answer. */
  release(): void;
}

/** Wraps `api` so that its first `method` call returns only after release(); later calls pass straight through. */
export function holdFirstAnswer(api: DrChronoApi, method: 'get' | 'list'): HeldAnswer {
  let taken = false;
  let arrived: (failure?: unknown) => void = () => undefined;
  let released: () => void = () => undefined;
  const answered = new Promise<void>((resolve, reject) => {
    arrived = (failure) => (failure === undefined ? resolve() : reject(failure as Error));
  });
  const gate = new Promise<void>((resolve) => {
    released = resolve;
  });
  const hold = async <T>(call: () => Promise<T>): Promise<T> => {
    if (taken) return call();
    taken = true;
    // A failed call must fail the test waiting for `answered`, not hang it.
    const answer = await call().catch((err: unknown) => {
      arrived(err ?? new Error('held call failed'));
      throw err;
    });
    arrived();
    await gate;
    return answer;
  };
  return {
    api: {
      get: (kind, id, opts) => (method === 'get' ? hold(() => api.get(kind, id, opts)) : api.get(kind, id, opts)),
      list: (kind, query) => (method === 'list' ? hold(() => api.list(kind, query)) : api.list(kind, query)),
      bulkList: (kind, query) => api.bulkList(kind, query),
      lineItemDeletions: (since) => api.lineItemDeletions(since),
    },
    answered,
    release: () => released(),
  };
}
