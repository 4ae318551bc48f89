/** The DrChronoApi port over HTTP, on top of one practice's requester (auth, budget, retries, redirects). */
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import { DRCHRONO_PATHS, type DrChronoApi, type ListPage, type ListQuery } from './drchrono-api.js';
import type { DrChronoRequester } from './drchrono-requester.js';
import { bulkPollSchema, bulkStartSchema, lineItemDeletionSchema, listEnvelopeSchema, type ListEnvelope } from './wire-envelopes.js';

/** Bulk jobs: poll every 2 s, at most 60 times (2 minutes) before giving up for this run. */
export const BULK_POLL_MS = 2_000;
export const BULK_MAX_POLLS = 60;
/** `page_size` of bulk pages (DrChrono allows up to 1000). */
export const BULK_PAGE_SIZE = 1000;

/** `since` as DrChrono reads it: a day (callers subtract their overlap first). */
export function sinceParam(since: Date): string {
  return since.toISOString().slice(0, 10);
}

function envelope(json: unknown, path: string): ListEnvelope {
  const parsed = listEnvelopeSchema.safeParse(json);
  if (!parsed.success) throw new AppError('retryable', 'drchrono_bad_response', `DrChrono answered ${path} without a results list`, { path });
  return parsed.data;
}

/** Builds the DrChronoApi of one practice. */
export function createDrChronoHttpClient(requester: DrChronoRequester, clock: Clock): DrChronoApi {
  async function page(target: string | URL, query?: URLSearchParams): Promise<ListPage> {
    const path = typeof target === 'string' ? target : target.pathname;
    const e = envelope(await requester.send({ target, query }), path);
    return { results: e.results, next: e.next };
  }

  async function* followNext(next: string | null): AsyncIterable<unknown[]> {
    // A next link seen before would page for ever (and spend the whole budget every run): retryable, like any bad answer.
    const seen = new Set<string>();
    for (let url = next; url !== null; ) {
      const vetted = requester.vet(url);
      if (seen.has(vetted.href)) {
        throw new AppError('retryable', 'drchrono_bad_response', `DrChrono sent a next link it already sent on ${vetted.pathname}`, { path: vetted.pathname });
      }
      seen.add(vetted.href);
      const p = await page(vetted);
      if (p.results.length > 0) yield p.results;
      url = p.next;
    }
  }

  return {
    async get(kind, id, opts) {
      const query = opts?.verbose ? new URLSearchParams({ verbose: 'true' }) : undefined;
      return requester.send({ target: `${DRCHRONO_PATHS[kind]}/${encodeURIComponent(id)}`, query, allow404: true });
    },

    async list(kind, query: ListQuery | { nextUrl: string }) {
      if ('nextUrl' in query) return page(requester.resume(query.nextUrl, DRCHRONO_PATHS[kind]));
      const q = new URLSearchParams();
      if (query.since) q.set('since', sinceParam(query.since));
      if (query.patient !== undefined) q.set('patient', query.patient);
      if (query.verbose) q.set('verbose', 'true');
      if (query.pageSize !== undefined) q.set('page_size', String(query.pageSize));
      return page(DRCHRONO_PATHS[kind], q);
    },

    async *bulkList(kind, query) {
      const path = `/api/${kind}_list`;
      const form = new URLSearchParams({ page_size: String(BULK_PAGE_SIZE) });
      if (query.since) form.set('since', sinceParam(query.since));
      const started = bulkStartSchema.safeParse(await requester.send({ method: 'POST', target: path, form }));
      if (!started.success) throw new AppError('retryable', 'drchrono_bad_response', `DrChrono answered POST ${path} without a uuid`, { path });
      for (let poll = 1; ; poll++) {
        const answer = bulkPollSchema.safeParse(await requester.send({ target: path, query: new URLSearchParams({ uuid: started.data.uuid }) }));
        if (!answer.success) throw new AppError('retryable', 'drchrono_bad_response', `DrChrono answered ${path}?uuid= without a status`, { path });
        const status = answer.data.status.toLowerCase();
        if (status === 'complete') {
          const first = answer.data.results ?? answer.data.data ?? [];
          if (first.length > 0) yield first;
          yield* followNext(answer.data.next);
          return;
        }
        if (status === 'failed' || status === 'error') {
          throw new AppError('retryable', 'drchrono_unavailable', `DrChrono's bulk ${kind} job failed`, { path, polls: poll });
        }
        if (poll >= BULK_MAX_POLLS) {
          throw new AppError('retryable', 'drchrono_unavailable', `DrChrono's bulk ${kind} job was not complete after ${poll} polls`, { path, polls: poll });
        }
        await clock.sleep(BULK_POLL_MS);
      }
    },

    async lineItemDeletions(since) {
      const q = new URLSearchParams();
      if (since) q.set('since', sinceParam(since));
      const ids: string[] = [];
      const collect = (results: unknown[]): void => {
        for (const r of results) {
          const id = lineItemDeletionSchema.safeParse(r);
          if (id.success && id.data !== null) ids.push(id.data);
        }
      };
      const first = await page('/api/line_item_deletions', q);
      collect(first.results);
      for await (const results of followNext(first.next)) collect(results);
      return ids;
    },
  };
}
