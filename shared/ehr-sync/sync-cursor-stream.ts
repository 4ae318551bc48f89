/**
 * One `since` stream of a practice (patients, appointments, clinical notes,
 * line items): open or resume its window, then store each page with the
 * window's advance in one transaction, fenced by the run's practice lease
 * (fencePracticeLease) like every window close and the line item deletions. A first backfill (or a full pass) of the
 * bulk-capable streams walks the `*_list` flow instead of `since` pages.
 */
import type { Db } from '../db/create-db.js';
import type { DrChronoApi, ListQuery } from '../drchrono/drchrono-api.js';
import { markDeleted, withActor } from '../ehr-store/index.js';
import { AppError } from '../errors/app-error.js';
import { describeRunError } from '../sync/run-error.js';
import type { CursorStream } from './ehr-streams.js';
import type { EhrSyncSettings } from './ehr-sync-deps.js';
import { advancePracticeWindow, closePracticeWindow, openPracticeWindow, type PracticeCursorKey } from './practice-cursor-store.js';
import { fencePracticeLease, type PracticeLeaseKey } from './practice-lease.js';
import { addEhrCounts, emptyEhrCounts, type EhrCounts, type EhrStreamResult } from './practice-sync-summary.js';
import { writeMirrorPage } from './write-mirror-page.js';

export interface CursorStreamContext {
  db: Db;
  api: DrChronoApi;
  practiceId: string;
  stream: CursorStream;
  /** The full pass this run works on (see full-pass.ts); null for an incremental run. */
  fullPass: Date | null;
  runId: string;
  now: Date;
  settings: Pick<EhrSyncSettings, 'sinceOverlapHours' | 'appointmentsBackfillDays' | 'pageSize'>;
  /** Runs after each committed page (lease renewal, progress); throwing stops the stream. */
  afterPage(page: number, counts: EhrCounts): Promise<void>;
}

/** Never throws: a failure becomes a 'failed' result with the window left at its last committed page. */
export async function syncCursorStream(ctx: CursorStreamContext): Promise<EhrStreamResult> {
  const key: PracticeCursorKey = { practiceId: ctx.practiceId, stream: ctx.stream };
  const lease = { practiceId: ctx.practiceId, runId: ctx.runId };
  const counts = emptyEhrCounts();
  let pages = 0;
  const store = async (wires: readonly unknown[], nextUrl: string | null, close: boolean) => {
    const written = await ctx.db
      .transaction()
      .execute(async (trx) => {
        await fencePracticeLease(trx, lease);
        await withActor(trx, 'drchrono_sync');
        const w = await writeMirrorPage(trx, { practiceId: ctx.practiceId, stream: ctx.stream, runId: ctx.runId, wires });
        await advancePracticeWindow(trx, { ...key, nextUrl, max: w.max });
        if (close) await closePracticeWindow(trx, key);
        return w;
      })
      .catch((err: unknown) => {
        counts.fetched += wires.length;
        counts.failed += wires.length;
        throw err;
      });
    addEhrCounts(counts, written.counts);
    pages++;
    await ctx.afterPage(pages, { ...counts });
  };
  try {
    const window = await openPracticeWindow(ctx.db, {
      ...key,
      fullPass: ctx.fullPass,
      overlapHours: ctx.settings.sinceOverlapHours,
      appointmentsBackfillDays: ctx.settings.appointmentsBackfillDays,
      now: ctx.now,
    });
    // Deletions first: if they fail the window stays open and the next run asks again with the same since.
    if (ctx.stream === 'line_items') counts.deleted += await applyLineItemDeletions(ctx.db, ctx.api, window.since, lease);
    if (window.mode === 'bulk' && ctx.stream !== 'appointments') {
      // The bulk flow cannot be entered halfway: a stopped backfill starts it again (the replayed rows are unchanged).
      for await (const wires of ctx.api.bulkList(ctx.stream, {})) await store(wires, null, false);
      await ctx.db.transaction().execute(async (trx) => {
        await fencePracticeLease(trx, lease);
        await closePracticeWindow(trx, key);
      });
    } else {
      const fromSince: ListQuery = { ...(window.since ? { since: window.since } : {}), ...(ctx.settings.pageSize ? { pageSize: ctx.settings.pageSize } : {}) };
      const stored = window.nextUrl ? { nextUrl: window.nextUrl } : null;
      let query: ListQuery | { nextUrl: string } = stored ?? fromSince;
      for (;;) {
        const page = await ctx.api.list(ctx.stream, query).catch((err: unknown) => {
          // A stored link DrChrono now refuses (an expired cursor, a list that moved) would fail this stream on
          // every run: the window is walked again from its since instead (re-stored pages change nothing).
          if (query === stored && isRefusedLink(err)) return null;
          throw err;
        });
        if (page === null) {
          query = fromSince;
          continue;
        }
        await store(page.results, page.next, page.next === null);
        if (page.next === null) break;
        query = { nextUrl: page.next };
      }
    }
    return { ...counts, status: 'succeeded', pages };
  } catch (err) {
    const e = describeRunError(err);
    return { ...counts, status: 'failed', pages, error: e.message, errorCode: e.code };
  }
}

function isRefusedLink(err: unknown): boolean {
  return err instanceof AppError && err.kind === 'permanent' && err.code === 'drchrono_bad_response';
}

async function applyLineItemDeletions(db: Db, api: DrChronoApi, since: Date | null, lease: PracticeLeaseKey): Promise<number> {
  const ids = await api.lineItemDeletions(since);
  if (ids.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await fencePracticeLease(trx, lease);
    await withActor(trx, 'drchrono_sync');
    return markDeleted(trx, 'line_items', ids);
  });
}
