/** Stores one batch of pages (merged into one page) with its window advance, in as few statements as it allows. */
import type { Db } from '../db/create-db.js';
import { recordInvalidRecords } from '../db/record-invalid-records.js';
import { refreshAllPrescriberMetrics } from '../db/refresh-prescriber-metrics.js';
import { advanceWindow, advanceWindowStatement, closeWindow, type CursorKey } from './cursor-store.js';
import { fenceLease } from './sync-lease.js';
import type { Advance } from './window-advance.js';
import { planWrites, writePagePlan, writesInOneStatement, type AnyPage, type PagePlan, type PageWriteResult } from './write-stream-page.js';

export interface BatchWrite {
  db: Db;
  key: CursorKey;
  runId: string;
  page: AnyPage;
  plan: PagePlan;
  /** The window advance up to the end of `page`, including deferred pages before it. */
  advance: Advance;
  prescriberIds: ReadonlyMap<string, string>;
  /** Whether the stream's last transaction must recompute prescriber metrics, given whether this run wrote rows. */
  refreshMetrics(wroteRows: boolean): boolean;
  /** Whether earlier batches of this stream wrote rows. */
  wroteRows: boolean;
}

/**
 * Returns null when there is nothing to store (no changed row, no invalid
 * record, not the last page): the caller defers the advance. Otherwise the rows
 * and the advance commit together: as ONE statement in the common case (whose
 * window advance lands only while the run holds its lease), or in a
 * transaction fenced by the run's lease (fenceLease) when the batch also
 * records invalid records, ends the window, or is a doctors batch.
 */
export async function storeBatch(w: BatchWrite): Promise<PageWriteResult | null> {
  const { page, plan, key } = w;
  const writes = planWrites(plan);
  if (!writes && page.invalid.length === 0 && !page.last) return null;
  if (writes && page.invalid.length === 0 && !page.last && writesInOneStatement(plan)) {
    // No transaction here (its round trips cost the first sync about a third of its speed): the window's
    // advance itself is fenced, landing only while this run holds the lease. A stale run's rows may still land;
    // they are idempotent upserts that never overwrite newer data, and only the cursor-moving close needs the lock.
    return writePagePlan(w.db, key.pharmacyId, plan, w.prescriberIds, advanceWindowStatement({ ...key, ...w.advance }, { pharmacyId: key.pharmacyId, system: key.system, runId: w.runId }));
  }
  return w.db.transaction().execute(async (trx) => {
    await fenceLease(trx, { pharmacyId: key.pharmacyId, system: key.system, runId: w.runId });
    const written = await writePagePlan(trx, key.pharmacyId, plan, w.prescriberIds);
    if (page.invalid.length > 0) {
      await recordInvalidRecords(trx, { source: 'drx', pharmacyId: key.pharmacyId, stream: key.stream, runId: w.runId, records: page.invalid });
    }
    await advanceWindow(trx, { ...key, ...w.advance });
    if (page.last) {
      if (w.refreshMetrics(w.wroteRows || written.created + written.updated > 0)) await refreshAllPrescriberMetrics(trx, key.pharmacyId);
      await closeWindow(trx, key);
    }
    return written;
  });
}
