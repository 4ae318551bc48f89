/** One integration_logs row (kind 'retry') per item the retry worker processed, for analysts. */
import type { Db } from '../db/create-db.js';
import type { RunSource } from '../db/database.js';
import { writeIntegrationLog } from '../db/write-integration-log.js';
import type { ClaimedEvent } from './claim-due.js';

export interface RetryLogInput {
  id: string;
  event: Pick<ClaimedEvent, 'id' | 'source' | 'kind' | 'pharmacy_id' | 'practice_id' | 'correlation_id' | 'attempts'>;
  status: 'succeeded' | 'failed';
  /** What the handler answered, or where a failure sent the item. */
  outcome: 'applied' | 'ignored' | 'failed' | 'dead';
  startedAt: Date;
  finishedAt: Date;
  errorCode?: string;
  /** Masked, PHI-free. */
  error?: string;
  /** The handler's PHI-free note on a success (e.g. which note a duplicate repeats). */
  note?: string;
}

const SOURCES: readonly RunSource[] = ['drx', 'drchrono', 'deepcura'];

/** Inserts the row; the delivery's own correlation id ties it to the first attempt's row. */
export async function writeRetryLog(db: Db, input: RetryLogInput): Promise<void> {
  const e = input.event;
  // integration_logs only knows our three sources; anything else is not a row analysts can read.
  const source = SOURCES.find((s) => s === e.source);
  if (!source) return;
  await writeIntegrationLog(db, {
    id: input.id,
    correlationId: e.correlation_id,
    source,
    kind: 'retry',
    pharmacyId: e.pharmacy_id,
    practiceId: e.practice_id,
    stream: null,
    status: input.status,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    counts: { fetched: 1, created: 0, updated: 0, unchanged: 0, invalid: 0, failed: input.status === 'failed' ? 1 : 0 },
    errorCode: input.errorCode,
    error: input.error,
    details: { syncEventId: e.id, eventKind: e.kind, attempt: e.attempts + 1, outcome: input.outcome, ...(input.note ? { note: input.note } : {}) },
  });
}
