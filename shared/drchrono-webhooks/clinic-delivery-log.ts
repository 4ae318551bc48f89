/** One integration_logs row per clinic delivery (DrChrono webhook or Deep Cura gridhook), practice-scoped. */
import type { Db } from '../db/create-db.js';
import type { RunStatus } from '../db/database.js';

export interface ClinicDeliveryLog {
  id: string;
  correlationId: string;
  source: 'drchrono' | 'deepcura';
  /** 'webhook' for a live delivery, 'retry' when the retry worker applies it. */
  kind: 'webhook' | 'retry';
  practiceId: string | null;
  /** The mirror table the delivery touched, when it got that far. */
  stream: string | null;
  status: Extract<RunStatus, 'succeeded' | 'failed'>;
  startedAt: Date;
  finishedAt: Date;
  counts?: Partial<{ fetched: number; created: number; updated: number; unchanged: number; invalid: number; failed: number }>;
  errorCode?: string;
  /** Masked and PHI-free. */
  error?: string;
  details: Record<string, unknown>;
}

/** Inserts the delivery's finished row. */
export async function writeClinicDeliveryLog(db: Db, input: ClinicDeliveryLog): Promise<void> {
  const c = input.counts ?? {};
  // Named one by one: these are integration_logs columns, and a stray key would be a column too.
  const counts = {
    fetched: c.fetched ?? 0,
    created: c.created ?? 0,
    updated: c.updated ?? 0,
    unchanged: c.unchanged ?? 0,
    invalid: c.invalid ?? 0,
    failed: c.failed ?? 0,
  };
  await db
    .insertInto('integration_logs')
    .values({
      id: input.id,
      correlation_id: input.correlationId,
      source: input.source,
      kind: input.kind,
      pharmacy_id: null,
      practice_id: input.practiceId,
      stream: input.stream,
      status: input.status,
      started_at: input.startedAt,
      finished_at: input.finishedAt,
      duration_ms: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
      ...counts,
      counts: JSON.stringify(counts),
      error_code: input.errorCode ?? null,
      error: input.error ?? null,
      details: JSON.stringify(input.details),
    })
    .execute();
}
