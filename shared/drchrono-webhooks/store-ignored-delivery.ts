/**
 * A delivery that needs no processing (PING, events we do not mirror), stored
 * already settled together with its integration_logs row in ONE autocommit
 * statement: a data-modifying CTE. Ingest throughput is bound by round trips
 * while holding a pooled connection; BEGIN, two INSERTs and COMMIT cost four.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { integrationLogValues, type IntegrationLogRow } from '../db/write-integration-log.js';
import { clinicEventValues, type ClinicEventInput } from './clinic-events.js';

/** True when the delivery was new and is stored with its log row; false for a repeat (its log row is then removed again). */
export async function storeIgnoredDelivery(db: Db, event: ClinicEventInput & { ignoredBecause: string }, log: IntegrationLogRow): Promise<boolean> {
  const row = await db
    .with('stored', (q) =>
      q
        .insertInto('sync_events')
        .values(clinicEventValues(event))
        .onConflict((oc) => oc.columns(['source', 'idempotency_key']).doNothing())
        .returning('id'),
    )
    .insertInto('integration_logs')
    .values(integrationLogValues(log))
    .returning(sql<number>`(select count(*) from stored)::int`.as('stored'))
    .executeTakeFirstOrThrow();
  if (row.stored === 1) return true;
  // A repeat: the caller's duplicate path writes the row that says so.
  await db.deleteFrom('integration_logs').where('id', '=', log.id).execute();
  return false;
}
