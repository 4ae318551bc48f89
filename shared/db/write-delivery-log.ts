/** One integration_logs row per inbound delivery (webhook), for analysts. */
import type { RunSource, RunStatus } from './database.js';
import type { Db } from './create-db.js';

export interface DeliveryLogInput {
  id: string;
  correlationId: string;
  source: RunSource;
  pharmacyId: string;
  stream: string | null;
  status: Extract<RunStatus, 'succeeded' | 'failed'>;
  startedAt: Date;
  finishedAt: Date;
  counts: { fetched: number; created: number; updated: number; unchanged: number; invalid: number; failed: number };
  errorCode?: string;
  /** Masked, PHI-free. */
  error?: string;
  details?: Record<string, unknown>;
}

/** Inserts the finished delivery's row (kind `webhook`). */
export async function writeDeliveryLog(db: Db, input: DeliveryLogInput): Promise<void> {
  await db
    .insertInto('integration_logs')
    .values({
      id: input.id,
      correlation_id: input.correlationId,
      source: input.source,
      kind: 'webhook',
      pharmacy_id: input.pharmacyId,
      stream: input.stream,
      status: input.status,
      started_at: input.startedAt,
      finished_at: input.finishedAt,
      duration_ms: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
      ...input.counts,
      counts: JSON.stringify(input.counts),
      error_code: input.errorCode ?? null,
      error: input.error ?? null,
      details: JSON.stringify(input.details ?? {}),
    })
    .execute();
}
