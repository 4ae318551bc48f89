/** What a sync run reports: to the caller (Sync Now, CLI), to integration_logs and to live updates. */
import type { RunKind, RunStatus } from '../db/database.js';
import type { DrxStream } from './page-source.js';

export interface StreamCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  failed: number;
}

export type StreamStatus = 'succeeded' | 'failed' | 'skipped';

export interface StreamResult extends StreamCounts {
  status: StreamStatus;
  /** Masked, PHI-free reason when status is failed. */
  error?: string;
  errorCode?: string;
  pages: number;
}

export interface SyncSummary {
  runId: string;
  correlationId: string;
  pharmacyId: string;
  kind: RunKind;
  full: boolean;
  status: RunStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  streams: Record<DrxStream, StreamResult>;
  totals: StreamCounts;
  newPrescribers: number;
  newPrescriptions: number;
  /** e.g. "Dr. Smith has 2 new Rxs" — prescriber names only. */
  highlights: string[];
  /** e.g. "ph_demo_1: 37 new prescribers, 2,410 new Rxs, 3 invalid records skipped". */
  message: string;
}

/** Emitted after each committed page: drives the CLI's progress lines. */
export interface PageProgress {
  pharmacyId: string;
  stream: DrxStream;
  page: number;
  offset: number;
  total: number;
  counts: StreamCounts;
}

export function emptyCounts(): StreamCounts {
  return { fetched: 0, created: 0, updated: 0, unchanged: 0, invalid: 0, failed: 0 };
}
