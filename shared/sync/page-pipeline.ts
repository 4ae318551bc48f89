/**
 * Pages of one stream, fetched ahead of the writer: while page n is written,
 * up to `prefetchPages` later pages are already in flight, so the pharmacy's
 * request budget never idles. Offsets can be computed ahead because every page
 * but the last is full.
 */
import type { DrxStream, KnownUnchanged, Page, PageSource } from './page-source.js';

export interface PipelineOptions {
  afterDate: Date | null;
  startOffset: number;
  limit: number;
  prefetchPages: number;
  /** Passed on to every request (PageRequest.knownUnchanged). */
  knownUnchanged?: KnownUnchanged;
}

/**
 * Yields runs of consecutive pages in offset order: the next page, plus (up to
 * `maxBatch` in all) the pages after it that have already arrived — never
 * waiting for one — so a writer that fell behind catches up with one
 * transaction for several pages. Stops after the page marked `last`; a failed
 * fetch stops and rethrows once the pages before it have been yielded.
 */
export async function* pageBatches<S extends DrxStream>(
  source: PageSource,
  stream: S,
  opts: PipelineOptions,
  maxBatch = 1,
): AsyncGenerator<Page<S>[]> {
  const abort = new AbortController();
  const inFlight: { page: Promise<Page<S>>; arrived?: Page<S> }[] = [];
  let nextOffset = opts.startOffset;
  // Unknown until the first answer: the first request goes alone so a short stream costs one request.
  let knownTotal: number | null = null;
  const issue = () => {
    const entry: (typeof inFlight)[number] = {
      page: source.fetchPage(
        stream,
        // Only present when given, so a request without it looks as it always did.
        { afterDate: opts.afterDate, offset: nextOffset, limit: opts.limit, ...(opts.knownUnchanged ? { knownUnchanged: opts.knownUnchanged } : {}) },
        abort.signal,
      ),
    };
    // Observed later in order; the rejection handler only keeps an early failure from being reported as unhandled.
    entry.page.then(
      (p) => (entry.arrived = p),
      () => undefined,
    );
    inFlight.push(entry);
    nextOffset += opts.limit;
  };
  const refill = () => {
    while (inFlight.length < Math.max(1, opts.prefetchPages) && knownTotal !== null && nextOffset < knownTotal) issue();
  };
  try {
    issue();
    for (;;) {
      const head = inFlight.shift();
      if (!head) return;
      const batch = [await head.page];
      let tail = batch[0] as Page<S>;
      while (batch.length < maxBatch && !tail.last && inFlight[0]?.arrived) {
        tail = inFlight[0].arrived;
        inFlight.shift();
        batch.push(tail);
      }
      knownTotal = tail.total;
      if (tail.last) {
        yield batch;
        return;
      }
      refill();
      // The total grew while paging (or was misreported): keep going one page at a time.
      if (inFlight.length === 0) issue();
      yield batch;
    }
  } finally {
    // Early exit, error or a consumer that stopped: nothing may keep running after us.
    abort.abort();
  }
}

/** Yields pages one at a time in offset order (pageBatches of one). */
export async function* pagePipeline<S extends DrxStream>(
  source: PageSource,
  stream: S,
  opts: PipelineOptions,
): AsyncGenerator<Page<S>> {
  for await (const batch of pageBatches(source, stream, opts, 1)) yield* batch;
}

/** Consecutive pages as one page: rows and invalid records in order, the extent of all, the latest date. */
export function mergePages<S extends DrxStream>(pages: readonly Page<S>[]): Page<S> {
  const first = pages[0];
  const last = pages[pages.length - 1];
  if (!first || !last) throw new Error('mergePages needs at least one page');
  if (pages.length === 1) return first;
  let maxDate: Date | null = null;
  for (const p of pages) if (p.maxDate !== null && (maxDate === null || p.maxDate > maxDate)) maxDate = p.maxDate;
  return {
    stream: first.stream,
    offset: first.offset,
    // Every page but the last is full, so the pages are contiguous and this ends where the last one does.
    fetched: pages.reduce((n, p) => n + p.fetched, 0),
    total: last.total,
    rows: pages.flatMap((p) => p.rows),
    invalid: pages.flatMap((p) => p.invalid),
    skippedUnchanged: pages.reduce((n, p) => n + (p.skippedUnchanged ?? 0), 0),
    maxDate,
    last: last.last,
  };
}
