/** A practice run's status and its one-line message. */
import type { RunStatus } from '../db/database.js';
import type { RunError } from '../sync/run-error.js';
import type { EhrStream } from './ehr-streams.js';
import type { EhrCounts, EhrStreamResult } from './practice-sync-summary.js';

/** The budget running out is an expected, clean stop: what was committed stays and the next run resumes. */
export const BUDGET_EXHAUSTED = 'drchrono_budget_exhausted';

/**
 * partial when the hourly budget stopped the run; failed when another
 * run-stopping error did, or no stream succeeded; succeeded when every stream
 * did; partial otherwise.
 */
export function practiceRunStatus(streams: Record<EhrStream, EhrStreamResult>, stoppedBy: RunError | null): Exclude<RunStatus, 'running'> {
  if (stoppedBy) return stoppedBy.code === BUDGET_EXHAUSTED ? 'partial' : 'failed';
  const results = Object.values(streams);
  const failed = results.filter((r) => r.status === 'failed').length;
  const succeeded = results.filter((r) => r.status === 'succeeded').length;
  if (failed === 0 && succeeded > 0) return 'succeeded';
  return succeeded === 0 ? 'failed' : 'partial';
}

/** "pr_demo: 12 new, 3 updated, 1 deleted, 2 invalid records skipped; partial: medications failed (drchrono_budget_exhausted)". */
export function practiceRunMessage(r: {
  practiceId: string;
  status: RunStatus;
  totals: EhrCounts;
  streams: Record<EhrStream, EhrStreamResult>;
  pendingPatients: number;
}): string {
  const t = r.totals;
  const parts = [`${n(t.created)} new`, `${n(t.updated)} updated`, `${n(t.deleted)} deleted`];
  if (t.invalid > 0) parts.push(`${n(t.invalid)} invalid ${t.invalid === 1 ? 'record' : 'records'} skipped`);
  if (r.pendingPatients > 0) parts.push(`${n(r.pendingPatients)} ${r.pendingPatients === 1 ? 'patient' : 'patients'} still queued`);
  let message = `${r.practiceId}: ${parts.join(', ')}`;
  const failed = Object.entries(r.streams)
    .filter(([, s]) => s.status === 'failed')
    .map(([name, s]) => `${name} failed (${s.errorCode ?? 'internal'})`);
  if (r.status !== 'succeeded') message += `; ${r.status}${failed.length ? `: ${failed.join(', ')}` : ''}`;
  return message;
}

function n(v: number): string {
  return v.toLocaleString('en-US');
}
