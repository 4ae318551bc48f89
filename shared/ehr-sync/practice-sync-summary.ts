/** What a practice reconciliation reports: to the caller (Sync Now, CLI), to integration_logs and to live updates. */
import type { RunKind, RunStatus } from '../db/database.js';
import type { StreamCounts, StreamStatus } from '../sync/sync-summary.js';
import type { EhrStream } from './ehr-streams.js';

/** DRX's counts plus the records this run marked deleted. */
export interface EhrCounts extends StreamCounts {
  deleted: number;
}

export interface EhrStreamResult extends EhrCounts {
  status: StreamStatus;
  /** Masked, PHI-free reason when status is failed. */
  error?: string;
  errorCode?: string;
  /** Committed pages (cursor streams) or patients (per-patient streams). */
  pages: number;
}

export interface PracticeSyncSummary {
  runId: string;
  correlationId: string;
  practiceId: string;
  kind: RunKind;
  full: boolean;
  status: Exclude<RunStatus, 'running'>;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  streams: Record<EhrStream, EhrStreamResult>;
  totals: EhrCounts;
  /** Patients whose medications, problems, allergies and insurance are still queued (e.g. budget spent). */
  pendingPatients: number;
  /** The first failure (masked); null when every stream succeeded. */
  errorCode: string | null;
  /** e.g. "pr_demo: 12 new, 3 updated, 1 deleted; partial: medications failed (drchrono_budget_exhausted)". */
  message: string;
}

/** Emitted after each committed page or patient: drives the CLI's progress lines. */
export interface EhrProgress {
  practiceId: string;
  stream: EhrStream;
  page: number;
  counts: EhrCounts;
}

/** All-zero counts. */
export function emptyEhrCounts(): EhrCounts {
  return { fetched: 0, created: 0, updated: 0, unchanged: 0, invalid: 0, failed: 0, deleted: 0 };
}

const KEYS = ['fetched', 'created', 'updated', 'unchanged', 'invalid', 'failed', 'deleted'] as const;

/** Adds `b` into `a` (in place) and returns `a`. */
export function addEhrCounts(a: EhrCounts, b: EhrCounts): EhrCounts {
  for (const k of KEYS) a[k] += b[k];
  return a;
}
