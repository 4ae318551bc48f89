/** Writes a change event inside the caller's transaction, so it commits with the change. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';

export type OutboxTopic = 'live-updates' | 'change-events';

/** Live-update payload shown to the CRM: counts and prescriber names only, no patient data. */
export interface LiveUpdatePayload {
  type: 'sync.completed' | 'webhook.applied';
  pharmacyId: string;
  runId?: string;
  status?: string;
  newPrescribers: number;
  newPrescriptions: number;
  updatedPrescriptions?: number;
  newFills?: number;
  highlights: string[];
  at: string;
}

/** Inserts one outbox row; the table's trigger NOTIFYs listeners on commit. */
export async function writeOutbox(
  trx: Transaction<Database> | Kysely<Database>,
  topic: OutboxTopic,
  pharmacyId: string | null,
  payload: LiveUpdatePayload | Record<string, unknown>,
): Promise<string> {
  const row = await trx
    .insertInto('outbox')
    .values({ topic, pharmacy_id: pharmacyId, payload: JSON.stringify(payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
