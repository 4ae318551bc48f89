/** One finished integration_logs row for a single delivery or retried item (webhook, gridhook, retry). */
import type { Db } from './create-db.js';
import type { RunKind, RunSource, RunStatus } from './database.js';

/** The per-row count columns of integration_logs. */
export type IntegrationLogCountColumn = 'fetched' | 'created' | 'updated' | 'unchanged' | 'invalid' | 'failed';
export type IntegrationLogCounts = Record<IntegrationLogCountColumn, number>;

export interface IntegrationLogRow {
  id: string;
  correlationId: string;
  source: RunSource;
  kind: Extract<RunKind, 'webhook' | 'retry'>;
  pharmacyId: string | null;
  practiceId?: string | null;
  stream: string | null;
  status: Extract<RunStatus, 'succeeded' | 'failed'>;
  startedAt: Date;
  finishedAt: Date;
  /** Missing counts are written as 0. */
  counts?: Partial<IntegrationLogCounts>;
  errorCode?: string;
  /** Masked and PHI-free. */
  error?: string;
  details: Record<string, unknown>;
}

/** The integration_logs values of a finished row: duration from the two instants, counts (0 when missing) as columns and JSON. */
export function integrationLogValues(input: IntegrationLogRow) {
  // Named one by one: these are integration_logs columns, and a stray key would be a column too.
  const c = input.counts ?? {};
  const counts: IntegrationLogCounts = {
    fetched: c.fetched ?? 0,
    created: c.created ?? 0,
    updated: c.updated ?? 0,
    unchanged: c.unchanged ?? 0,
    invalid: c.invalid ?? 0,
    failed: c.failed ?? 0,
  };
  return {
    id: input.id,
    correlation_id: input.correlationId,
    source: input.source,
    kind: input.kind,
    pharmacy_id: input.pharmacyId,
    practice_id: input.practiceId ?? null,
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
  };
}

/** Inserts the finished row. */
export async function writeIntegrationLog(db: Db, input: IntegrationLogRow): Promise<void> {
  await db.insertInto('integration_logs').values(integrationLogValues(input)).execute();
}
