/**
 * One page's write in two steps: a plan made outside any transaction (the
 * content-hash pre-select decides what changed), then the write of that plan
 * inside the page's transaction — which a page with nothing to write never opens.
 */
import type { RawBuilder } from 'kysely';
import type { Db } from '../db/create-db.js';
import { planFills, writeFills, type FillsPlan } from '../db/upsert-fills.js';
import { upsertPrescribers } from '../db/upsert-prescribers.js';
import { planPrescriptions, writePrescriptions, type PrescriptionsPlan } from '../db/upsert-prescriptions.js';
import type { PrescriberRow } from '../drx/rows.js';
import type { DrxStream, Page } from './page-source.js';

/** A page of any stream, discriminated by `stream`. */
export type AnyPage = { [S in DrxStream]: Page<S> }[DrxStream];

/** What a page needs written. Doctors (a few pages per run) are always planned inside their transaction. */
export type PagePlan =
  | { stream: 'doctors'; rows: PrescriberRow[] }
  | { stream: 'prescriptions'; plan: PrescriptionsPlan }
  | { stream: 'fills'; plan: FillsPlan };

export interface PageWriteResult {
  created: number;
  updated: number;
  unchanged: number;
  newPrescribers: number;
  createdByPrescriber: Map<string, { count: number; name: string | null }>;
  /** External id → true (created) or false (updated) for each row written; empty for doctors. */
  written: ReadonlyMap<string, boolean>;
  /** Prescriber ids by NPI this write resolved: kept for the run only once its transaction committed. */
  learnedPrescribers: Map<string, string>;
}

/** Decides what the page's valid rows need written; `preselect: false` when the stream's table has nothing stored. */
export async function planStreamPage(db: Db, pharmacyId: string, page: AnyPage, opts: { preselect: boolean }): Promise<PagePlan> {
  switch (page.stream) {
    case 'doctors':
      return { stream: 'doctors', rows: page.rows };
    case 'prescriptions':
      return { stream: 'prescriptions', plan: await planPrescriptions(db, pharmacyId, page.rows, opts) };
    case 'fills':
      return { stream: 'fills', plan: await planFills(db, pharmacyId, page.rows, opts) };
  }
}

/** True when the plan has rows to send; false means the page is all unchanged. */
export function planWrites(plan: PagePlan): boolean {
  return plan.stream === 'doctors' ? plan.rows.length > 0 : plan.plan.changed.length > 0;
}

/** The result of a page that needed no write: every row unchanged. */
export function unchangedPage(rows: number): PageWriteResult {
  return { created: 0, updated: 0, unchanged: rows, written: new Map(), newPrescribers: 0, createdByPrescriber: new Map(), learnedPrescribers: new Map() };
}

/** True when the plan can be written by one statement (with `alongside`): the page's transaction then holds just that and the lease fence. */
export function writesInOneStatement(plan: PagePlan): boolean {
  return plan.stream !== 'doctors';
}

/**
 * Writes the plan; `knownPrescribers` spares lookups of NPIs resolved earlier in
 * the run. `alongside` (the window advance) runs in the rows' own statement:
 * only for plans where writesInOneStatement holds (store-batch.ts runs it inside the fenced page transaction).
 */
export async function writePagePlan(
  trx: Db,
  pharmacyId: string,
  plan: PagePlan,
  knownPrescribers: ReadonlyMap<string, string>,
  alongside?: RawBuilder<unknown>,
): Promise<PageWriteResult> {
  if (alongside && !writesInOneStatement(plan)) throw new Error(`${plan.stream} pages are written in a transaction`);
  switch (plan.stream) {
    case 'doctors': {
      const r = await upsertPrescribers(trx, pharmacyId, plan.rows);
      return { ...counts(r), written: new Map(), newPrescribers: r.created, createdByPrescriber: new Map(), learnedPrescribers: r.idByNpi };
    }
    case 'prescriptions': {
      // Metrics are recomputed once at the end of the stream (sync-stream.ts), not per page.
      const r = await writePrescriptions(trx, pharmacyId, plan.plan, knownPrescribers, alongside);
      return { ...counts(r), written: r.written, newPrescribers: 0, createdByPrescriber: r.createdByPrescriber, learnedPrescribers: r.idByNpi };
    }
    case 'fills': {
      const r = await writeFills(trx, pharmacyId, plan.plan, alongside);
      return { ...counts(r), written: r.written, newPrescribers: 0, createdByPrescriber: new Map(), learnedPrescribers: new Map() };
    }
  }
}

function counts(r: { created: number; updated: number; unchanged: number }) {
  return { created: r.created, updated: r.updated, unchanged: r.unchanged };
}
