/** Writes one page's rows with the repository of its stream (inside the page's transaction). */
import type { Db } from '../db/create-db.js';
import { refreshPrescriberMetrics } from '../db/refresh-prescriber-metrics.js';
import { upsertFills } from '../db/upsert-fills.js';
import { upsertPrescribers } from '../db/upsert-prescribers.js';
import { upsertPrescriptions } from '../db/upsert-prescriptions.js';
import type { DrxStream, Page } from './page-source.js';

/** A page of any stream, discriminated by `stream`. */
export type AnyPage = { [S in DrxStream]: Page<S> }[DrxStream];

export interface PageWriteResult {
  created: number;
  updated: number;
  unchanged: number;
  newPrescribers: number;
  createdByPrescriber: Map<string, { count: number; name: string | null }>;
}

/** Upserts the page's valid rows; prescriptions also refresh the metrics of the prescribers they touched. */
export async function writeStreamPage(trx: Db, pharmacyId: string, page: AnyPage): Promise<PageWriteResult> {
  switch (page.stream) {
    case 'doctors': {
      const r = await upsertPrescribers(trx, pharmacyId, page.rows);
      return { ...counts(r), newPrescribers: r.created, createdByPrescriber: new Map() };
    }
    case 'prescriptions': {
      const r = await upsertPrescriptions(trx, pharmacyId, page.rows);
      await refreshPrescriberMetrics(trx, pharmacyId, r.prescriberIds);
      return { ...counts(r), newPrescribers: 0, createdByPrescriber: r.createdByPrescriber };
    }
    case 'fills': {
      const r = await upsertFills(trx, pharmacyId, page.rows);
      return { ...counts(r), newPrescribers: 0, createdByPrescriber: new Map() };
    }
  }
}

function counts(r: { created: number; updated: number; unchanged: number }) {
  return { created: r.created, updated: r.updated, unchanged: r.unchanged };
}
