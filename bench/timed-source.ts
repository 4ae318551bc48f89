/** A PageSource wrapper that sums how long each stream's pages take to arrive (HTTP + parse + map + budget wait). */
import type { DrxStream, Page, PageRequest, PageSource } from '../shared/sync/page-source.js';

export interface FetchSpan {
  stream: DrxStream;
  pages: number;
  ms: number;
}

export interface TimedSource {
  source: PageSource;
  spans(): FetchSpan[];
}

/** Times every fetchPage of `inner`; overlapping (prefetched) pages are summed, so the sum can exceed wall time. */
export function timedSource(inner: PageSource): TimedSource {
  const spans = new Map<DrxStream, FetchSpan>();
  return {
    source: {
      async fetchPage<S extends DrxStream>(stream: S, req: PageRequest, signal?: AbortSignal): Promise<Page<S>> {
        const t = performance.now();
        try {
          return await inner.fetchPage(stream, req, signal);
        } finally {
          const span = spans.get(stream) ?? { stream, pages: 0, ms: 0 };
          span.pages += 1;
          span.ms += performance.now() - t;
          spans.set(stream, span);
        }
      },
    },
    spans: () => [...spans.values()],
  };
}
