/** The port between EHR logic (webhooks, reconciliation) and one practice's DrChrono API. */
import type { MirrorKind } from './rows.js';

/** API paths per mirror kind, e.g. patients → /api/patients. */
export const DRCHRONO_PATHS: Record<MirrorKind, string> = {
  patients: '/api/patients',
  appointments: '/api/appointments',
  clinical_notes: '/api/clinical_notes',
  medications: '/api/medications',
  problems: '/api/problems',
  allergies: '/api/allergies',
  line_items: '/api/line_items',
};

export interface ListQuery {
  /** `since` (day-granular on DrChrono's side: callers subtract a day of overlap). */
  since?: Date;
  /** Per-patient lists (medications, problems, allergies). */
  patient?: string;
  verbose?: boolean;
  pageSize?: number;
}

export interface ListPage {
  results: unknown[];
  /** Absolute URL of the next page, or null at the end. */
  next: string | null;
}

/** Raised (as AppError code 'drchrono_budget_exhausted') when the practice's hourly budget is spent. */
export interface DrChronoApi {
  /** One object by id; null when DrChrono answers 404 (after a *_DELETE that means deleted). */
  get(kind: MirrorKind, id: string, opts?: { verbose?: boolean }): Promise<unknown | null>;
  /** First page of a list, or the page at `nextUrl` (a `next` link from an earlier page). */
  list(kind: MirrorKind, query: ListQuery | { nextUrl: string }): Promise<ListPage>;
  /** Bulk backfill (`POST /api/<kind>_list` then poll by uuid) for patients, clinical_notes, line_items. */
  bulkList(kind: 'patients' | 'clinical_notes' | 'line_items', query: { since?: Date }): AsyncIterable<unknown[]>;
  /** Line item deletions since a date (`/api/line_item_deletions`). */
  lineItemDeletions(since: Date | null): Promise<string[]>;
}
