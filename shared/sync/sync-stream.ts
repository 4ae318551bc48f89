/** Syncs one stream: open (or resume) its window, then write each page with its cursor advance in one transaction. */
import type { Db } from '../db/create-db.js';
import { recordInvalidRecords } from '../db/record-invalid-records.js';
import { advanceWindow, closeWindow, openWindow, type CursorKey } from './cursor-store.js';
import { pagePipeline } from './page-pipeline.js';
import type { DrxStream, PageSource } from './page-source.js';
import { describeRunError } from './run-error.js';
import { emptyCounts, type PageProgress, type StreamResult } from './sync-summary.js';
import type { AnyPage } from './write-stream-page.js';
import { writeStreamPage } from './write-stream-page.js';

export interface StreamContext {
  db: Db;
  source: PageSource;
  pharmacyId: string;
  stream: DrxStream;
  full: boolean;
  runId: string;
  now: Date;
  settings: { pageSize: number; cursorOverlapMinutes: number; prefetchPages: number };
  /** Runs after each committed page (lease renewal, progress); throwing stops the stream. */
  afterPage(progress: PageProgress): Promise<void>;
}

export interface StreamOutcome {
  result: StreamResult;
  newPrescribers: number;
  createdByPrescriber: Map<string, { count: number; name: string | null }>;
}

/**
 * Never throws: a failure becomes a 'failed' result, with the window left open
 * at the last committed page and the cursor unmoved, so the next run resumes.
 */
export async function syncStream(ctx: StreamContext): Promise<StreamOutcome> {
  const key: CursorKey = { pharmacyId: ctx.pharmacyId, system: 'drx', stream: ctx.stream };
  const counts = emptyCounts();
  const outcome: StreamOutcome = {
    result: { ...counts, status: 'succeeded', pages: 0 },
    newPrescribers: 0,
    createdByPrescriber: new Map(),
  };
  try {
    const window = await openWindow(ctx.db, { ...key, full: ctx.full, overlapMinutes: ctx.settings.cursorOverlapMinutes, now: ctx.now });
    const pages = pagePipeline(ctx.source, ctx.stream, {
      afterDate: window.after,
      startOffset: window.offset,
      limit: ctx.settings.pageSize,
      prefetchPages: ctx.settings.prefetchPages,
    });
    for await (const page of pages) {
      const p = page as AnyPage;
      counts.fetched += p.fetched;
      counts.invalid += p.invalid.length;
      const written = await ctx.db
        .transaction()
        .execute(async (trx) => {
          const w = await writeStreamPage(trx, ctx.pharmacyId, p);
          if (p.invalid.length > 0) {
            await recordInvalidRecords(trx, { source: 'drx', pharmacyId: ctx.pharmacyId, stream: ctx.stream, runId: ctx.runId, records: p.invalid });
          }
          await advanceWindow(trx, { ...key, offset: p.offset + p.fetched, max: p.maxDate });
          if (p.last) await closeWindow(trx, key);
          return w;
        })
        .catch((err: unknown) => {
          counts.failed += p.rows.length;
          throw err;
        });
      counts.created += written.created;
      counts.updated += written.updated;
      counts.unchanged += written.unchanged;
      outcome.newPrescribers += written.newPrescribers;
      for (const [id, c] of written.createdByPrescriber) {
        const entry = outcome.createdByPrescriber.get(id) ?? { count: 0, name: c.name };
        entry.count += c.count;
        outcome.createdByPrescriber.set(id, entry);
      }
      outcome.result.pages++;
      await ctx.afterPage({
        pharmacyId: ctx.pharmacyId,
        stream: ctx.stream,
        page: outcome.result.pages,
        offset: p.offset,
        total: p.total,
        counts: { ...counts },
      });
    }
    outcome.result = { ...counts, status: 'succeeded', pages: outcome.result.pages };
  } catch (err) {
    const e = describeRunError(err);
    outcome.result = { ...counts, status: 'failed', pages: outcome.result.pages, error: e.message, errorCode: e.code };
  }
  return outcome;
}
