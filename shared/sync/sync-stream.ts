/**
 * Syncs one stream: open (or resume) its window, then store each page's changed
 * rows together with the window advance in one transaction (pages that arrived
 * while the previous write ran share one: rows + advance still commit together).
 *
 * A page with nothing to write (every row's hash already stored, no invalid
 * record) opens no transaction: its advance waits in memory and is stored with
 * the next page that writes, after at most DEFER_LIMIT such pages, or when the
 * stream ends or fails. Every write is fenced by the run's lease (fenceLease),
 * so a run that lost it commits nothing more. A killed run therefore re-reads at most DEFER_LIMIT
 * pages, which the hash check turns into no writes.
 */
import type { Db } from '../db/create-db.js';
import { batchedFindUnchanged } from '../db/find-unchanged.js';
import { analyzeAfterBulkLoad, pharmacyHasRows } from '../db/upsert-preselect.js';
import { refreshAllPrescriberMetrics } from '../db/refresh-prescriber-metrics.js';
import { advanceWindow, openWindow, type CursorKey } from './cursor-store.js';
import { mergePages, pageBatches } from './page-pipeline.js';
import type { DrxStream, KnownUnchanged, PageSource } from './page-source.js';
import { describeRunError } from './run-error.js';
import { emptyCounts, type PageProgress, type StreamResult } from './sync-summary.js';
import { countsByPage } from './page-counts.js';
import { storeBatch } from './store-batch.js';
import { planStreamPage, unchangedPage, type AnyPage, type PageWriteResult } from './write-stream-page.js';
import { WindowAdvance, type Advance } from './window-advance.js';
import { fenceLease } from './sync-lease.js';

/** Pages with nothing to write whose window advance may wait in memory. */
export const DEFER_LIMIT = 20;
// Rows a first sync must have created before planner statistics are refreshed (below, ANALYZE costs more than it saves).
const BULK_LOAD_ROWS = 1000;

export interface StreamContext {
  db: Db;
  source: PageSource;
  pharmacyId: string;
  stream: DrxStream;
  full: boolean;
  runId: string;
  now: Date;
  settings: { pageSize: number; cursorOverlapMinutes: number; prefetchPages: number };
  /** Prescriber ids by NPI for the whole run: filled by the doctors stream, read by prescriptions. */
  prescriberIds: Map<string, string>;
  /** Runs after each handled page (lease renewal, progress); throwing stops the stream. */
  afterPage(progress: PageProgress): Promise<void>;
}

export interface StreamOutcome {
  result: StreamResult;
  newPrescribers: number;
  createdByPrescriber: Map<string, { count: number; name: string | null }>;
}

/**
 * Never throws: a failure becomes a 'failed' result, with the window left open
 * at the last stored page and the cursor unmoved, so the next run resumes.
 */
export async function syncStream(ctx: StreamContext): Promise<StreamOutcome> {
  const key: CursorKey = { pharmacyId: ctx.pharmacyId, system: 'drx', stream: ctx.stream };
  const counts = emptyCounts();
  const outcome: StreamOutcome = { result: { ...counts, status: 'succeeded', pages: 0 }, newPrescribers: 0, createdByPrescriber: new Map() };
  const pending = new WindowAdvance();
  let wroteRows = false;
  try {
    const window = await openWindow(ctx.db, { ...key, full: ctx.full, overlapMinutes: ctx.settings.cursorOverlapMinutes, now: ctx.now });
    const table = ctx.stream === 'fills' ? 'prescription_fills' : 'prescriptions';
    const preselect = ctx.stream === 'doctors' || (await pharmacyHasRows(ctx.db, table, ctx.pharmacyId));
    // Metrics are recomputed once, in the stream's last transaction: when this run wrote a prescription,
    // or when an earlier run left the window open (it may have written some and died before recomputing).
    const refreshMetrics = (wrote: boolean) => ctx.stream === 'prescriptions' && (wrote || window.interrupted);
    // With rows stored, records stored with an equal hash skip validation and mapping in the source
    // (pages report them as skippedUnchanged). A first sync has nothing to compare with.
    let knownUnchanged: KnownUnchanged | undefined;
    if (preselect && ctx.stream !== 'doctors') {
      const findUnchanged = batchedFindUnchanged(ctx.db, table, ctx.pharmacyId);
      knownUnchanged = (_stream, candidates) => findUnchanged(candidates);
    }
    const batches = pageBatches(
      ctx.source,
      ctx.stream,
      {
        afterDate: window.after, startOffset: window.offset, limit: ctx.settings.pageSize, prefetchPages: ctx.settings.prefetchPages,
        ...(knownUnchanged ? { knownUnchanged } : {}),
      },
      // Pages that already arrived while the previous write ran are written together. Not doctors:
      // a few pages a run, and their writes report no per-row outcome to split the counts by page.
      ctx.stream === 'doctors' ? 1 : Math.max(1, ctx.settings.prefetchPages),
    );
    for await (const batch of batches) {
      const p = mergePages(batch) as AnyPage;
      const failed = (err: unknown): never => {
        // The batch was fetched but none of it stored.
        counts.fetched += p.fetched;
        counts.invalid += p.invalid.length;
        counts.failed += p.rows.length + (p.skippedUnchanged ?? 0);
        throw err;
      };
      const plan = await planStreamPage(ctx.db, ctx.pharmacyId, p, { preselect }).catch(failed);
      const advance = pending.including(p.offset + p.fetched, p.maxDate);
      const stored: PageWriteResult | null = await storeBatch({
        db: ctx.db, key, runId: ctx.runId, page: p, plan, advance, prescriberIds: ctx.prescriberIds, refreshMetrics, wroteRows,
      }).catch(failed);
      if (stored) {
        pending.clear();
        // Only now that they are committed: a rolled-back prescriber id must not outlive its transaction.
        for (const [npi, id] of stored.learnedPrescribers) ctx.prescriberIds.set(npi, id);
      } else {
        pending.set(advance, batch.length);
        if (pending.pages >= DEFER_LIMIT) {
          await advanceFenced(ctx, key, advance);
          pending.clear();
        }
      }
      const written: PageWriteResult = stored ?? unchangedPage(p.rows.length);
      wroteRows ||= written.created + written.updated > 0;
      outcome.newPrescribers += written.newPrescribers;
      for (const [id, c] of written.createdByPrescriber) {
        const entry = outcome.createdByPrescriber.get(id) ?? { count: 0, name: c.name };
        entry.count += c.count;
        outcome.createdByPrescriber.set(id, entry);
      }
      const perPage = countsByPage(batch as AnyPage[], written, written.written);
      for (const [i, page] of batch.entries()) {
        // Running totals advance page by page: the CLI prints each page's difference.
        counts.fetched += page.fetched;
        counts.invalid += page.invalid.length;
        counts.created += perPage[i]?.created ?? 0;
        counts.updated += perPage[i]?.updated ?? 0;
        counts.unchanged += (perPage[i]?.unchanged ?? 0) + (page.skippedUnchanged ?? 0);
        outcome.result.pages++;
        await ctx.afterPage({ pharmacyId: ctx.pharmacyId, stream: ctx.stream, page: outcome.result.pages, offset: page.offset, total: page.total, counts: { ...counts } });
      }
    }
    // A first sync filled an empty pharmacy: let the planner know before the next sync's pre-selects.
    if (!preselect && counts.created >= BULK_LOAD_ROWS) await analyzeAfterBulkLoad(ctx.db, table);
    outcome.result = { ...counts, status: 'succeeded', pages: outcome.result.pages };
  } catch (err) {
    const e = describeRunError(err);
    outcome.result = { ...counts, status: 'failed', pages: outcome.result.pages, error: e.message, errorCode: e.code };
    // Another run holds the lease now and owns the window: we must not write to it.
    if (e.code !== 'sync_lease_lost') await settleFailedStream(ctx, key, pending, wroteRows);
  }
  return outcome;
}

/** Best effort after a failure: store the deferred advance and bring metrics up to date with what was written. */
async function settleFailedStream(ctx: StreamContext, key: CursorKey, pending: WindowAdvance, wroteRows: boolean): Promise<void> {
  const advance = pending.current();
  // If this fails too, the next run simply re-reads those pages.
  if (advance) await advanceFenced(ctx, key, advance).catch(() => undefined);
  if (ctx.stream === 'prescriptions' && wroteRows) await refreshAllPrescriberMetrics(ctx.db, ctx.pharmacyId).catch(() => undefined);
}

/** A deferred advance on its own: fenced by the run's lease like every page write. */
async function advanceFenced(ctx: StreamContext, key: CursorKey, advance: Advance): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await fenceLease(trx, { pharmacyId: key.pharmacyId, system: key.system, runId: ctx.runId });
    await advanceWindow(trx, { ...key, ...advance });
  });
}
