import { describe, expect, it } from 'vitest';
import type { DrxStream, Page, PageRequest, PageSource } from './page-source.js';
import { mergePages, pageBatches, pagePipeline } from './page-pipeline.js';

/** Answers doctors pages of a stream of `total` records; each fetch waits until the test resolves it. */
class ManualSource implements PageSource {
  readonly pending: { req: PageRequest; signal?: AbortSignal; resolve: () => void; reject: (e: Error) => void }[] = [];
  constructor(private total: number) {}
  fetchPage<S extends DrxStream>(stream: S, req: PageRequest, signal?: AbortSignal): Promise<Page<S>> {
    return new Promise<Page<S>>((resolve, reject) => {
      const fetched = Math.max(0, Math.min(req.limit, this.total - req.offset));
      const page = { stream, offset: req.offset, fetched, total: this.total, rows: [], invalid: [], maxDate: null, last: fetched < req.limit || req.offset + fetched >= this.total };
      this.pending.push({ req, signal, resolve: () => resolve(page), reject });
    });
  }
  answer(offset: number): void {
    this.pending.find((p) => p.req.offset === offset)?.resolve();
  }
  offsets(): number[] {
    return this.pending.map((p) => p.req.offset);
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('pagePipeline', () => {
  it('keeps the next pages in flight while the writer holds a page, and yields them in order', async () => {
    const source = new ManualSource(45);
    const it = pagePipeline(source, 'doctors', { afterDate: null, startOffset: 0, limit: 10, prefetchPages: 2 });
    const first = it.next();
    await tick();
    expect(source.offsets()).toEqual([0]);
    source.answer(0);
    expect((await first).value?.offset).toBe(0);
    // While page 0 is being written, pages 10 and 20 are already requested.
    expect(source.offsets()).toEqual([0, 10, 20]);
    source.answer(20);
    source.answer(10);
    expect((await it.next()).value?.offset).toBe(10);
    expect(source.offsets()).toEqual([0, 10, 20, 30]);
    expect((await it.next()).value?.offset).toBe(20);
    expect(source.offsets()).toEqual([0, 10, 20, 30, 40]);
    source.answer(30);
    source.answer(40);
    expect((await it.next()).value?.offset).toBe(30);
    const last = await it.next();
    expect(last.value).toMatchObject({ offset: 40, fetched: 5, last: true });
    expect((await it.next()).done).toBe(true);
    // Never asks past the reported total.
    expect(source.offsets()).toEqual([0, 10, 20, 30, 40]);
  });

  it('stops issuing and aborts what is in flight when a fetch fails', async () => {
    const source = new ManualSource(100);
    const it = pagePipeline(source, 'doctors', { afterDate: null, startOffset: 30, limit: 10, prefetchPages: 3 });
    const first = it.next();
    await tick();
    source.answer(30);
    await first;
    expect(source.offsets()).toEqual([30, 40, 50, 60]);
    source.pending.find((p) => p.req.offset === 40)?.reject(new Error('503'));
    await expect(it.next()).rejects.toThrow('503');
    expect(source.pending.filter((p) => p.req.offset > 40).every((p) => p.signal?.aborted)).toBe(true);
    expect(source.offsets()).toEqual([30, 40, 50, 60]);
  });
});

/** The offsets of a yielded batch; null once the generator is done. */
const batchOffsets = (r: IteratorResult<Page<'doctors'>[], void>) => (r.done ? null : r.value.map((p) => p.offset));

describe('pageBatches', () => {
  it('adds the pages that already arrived to the next one, in order, without waiting for more', async () => {
    const source = new ManualSource(45);
    const it = pageBatches(source, 'doctors', { afterDate: null, startOffset: 0, limit: 10, prefetchPages: 3 }, 3);
    const first = it.next();
    await tick();
    source.answer(0);
    expect(batchOffsets(await first)).toEqual([0]);
    expect(source.offsets()).toEqual([0, 10, 20, 30]);
    // 10 and 30 arrived, 20 did not: the batch is 10 alone (30 must wait for 20).
    source.answer(30);
    source.answer(10);
    await tick();
    expect(batchOffsets(await it.next())).toEqual([10]);
    source.answer(20);
    await tick();
    expect(batchOffsets(await it.next())).toEqual([20, 30]);
    source.answer(40);
    const last = await it.next();
    expect(batchOffsets(last)).toEqual([40]);
    expect((await it.next()).done).toBe(true);
    expect(source.offsets()).toEqual([0, 10, 20, 30, 40]);
  });

  it('yields the pages before a failed one, then rethrows', async () => {
    const source = new ManualSource(100);
    const it = pageBatches(source, 'doctors', { afterDate: null, startOffset: 0, limit: 10, prefetchPages: 3 }, 3);
    const first = it.next();
    await tick();
    source.answer(0);
    await first;
    source.answer(10);
    source.pending.find((p) => p.req.offset === 20)?.reject(new Error('503'));
    source.answer(30);
    await tick();
    expect(batchOffsets(await it.next())).toEqual([10]);
    await expect(it.next()).rejects.toThrow('503');
  });
});

describe('mergePages', () => {
  it('joins consecutive pages into one with their rows, invalid records, skipped count, extent and latest date', () => {
    const page = (offset: number, fetched: number, maxDate: string | null, last = false): Page<'fills'> => ({
      stream: 'fills', offset, fetched, total: 25, rows: [], invalid: [{ externalId: `f${offset}`, reason: 'x' }],
      // A page without the field counts as none skipped.
      ...(offset === 10 ? {} : { skippedUnchanged: fetched - 1 }),
      maxDate: maxDate === null ? null : new Date(maxDate), last,
    });
    const merged = mergePages([page(0, 10, '2026-01-02T00:00:00Z'), page(10, 10, null), page(20, 5, '2026-01-01T00:00:00Z', true)]);
    expect(merged).toEqual({
      stream: 'fills', offset: 0, fetched: 25, total: 25, rows: [],
      invalid: [{ externalId: 'f0', reason: 'x' }, { externalId: 'f10', reason: 'x' }, { externalId: 'f20', reason: 'x' }],
      skippedUnchanged: 9 + 4,
      maxDate: new Date('2026-01-02T00:00:00Z'), last: true,
    });
  });
});
