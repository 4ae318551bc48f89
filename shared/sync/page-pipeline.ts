/**
 * Pages of one stream, fetched ahead of the writer: while page n is written,
 * up to `prefetchPages` later pages are already in flight, so the pharmacy's
 * request budget never idles. Offsets can be computed ahead because every page
 * but the last is full.
 */
import type { DrxStream, Page, PageSource } from './page-source.js';

export interface PipelineOptions {
  afterDate: Date | null;
  startOffset: number;
  limit: number;
  prefetchPages: number;
}

/** Yields pages in offset order and stops after the page marked `last`; a failed fetch stops and rethrows. */
export async function* pagePipeline<S extends DrxStream>(
  source: PageSource,
  stream: S,
  opts: PipelineOptions,
): AsyncGenerator<Page<S>> {
  const abort = new AbortController();
  const inFlight: { offset: number; page: Promise<Page<S>> }[] = [];
  let nextOffset = opts.startOffset;
  // Unknown until the first answer: the first request goes alone so a short stream costs one request.
  let knownTotal: number | null = null;
  const issue = () => {
    const page = source.fetchPage(stream, { afterDate: opts.afterDate, offset: nextOffset, limit: opts.limit }, abort.signal);
    // Observed later in order; this only keeps an early rejection from being reported as unhandled.
    page.catch(() => undefined);
    inFlight.push({ offset: nextOffset, page });
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
      const page = await head.page;
      knownTotal = page.total;
      if (page.last) {
        yield page;
        return;
      }
      refill();
      // The total grew while paging (or was misreported): keep going one page at a time.
      if (inFlight.length === 0) issue();
      yield page;
    }
  } finally {
    // Early exit, error or a consumer that stopped: nothing may keep running after us.
    abort.abort();
  }
}
