/** One integration_logs row per inbound delivery (webhook), for analysts. */
import type { Db } from './create-db.js';
import { writeIntegrationLog, type IntegrationLogCounts, type IntegrationLogRow } from './write-integration-log.js';

/** A webhook delivery's row: always pharmacy-scoped, all counts known. */
export interface DeliveryLogInput extends Omit<IntegrationLogRow, 'kind' | 'pharmacyId' | 'practiceId' | 'counts' | 'details'> {
  pharmacyId: string;
  counts: IntegrationLogCounts;
  details?: Record<string, unknown>;
}

/** Inserts the finished delivery's row (kind `webhook`). */
export async function writeDeliveryLog(db: Db, input: DeliveryLogInput): Promise<void> {
  await writeIntegrationLog(db, { ...input, kind: 'webhook', details: input.details ?? {} });
}
