/**
 * A delivery that needs no processing (PING, events we do not mirror), stored
 * already settled together with its integration_logs row. These are most of a
 * busy practice's deliveries, so they are group-committed (shared/db/group-commit.ts):
 * concurrent deliveries share one statement, a data-modifying CTE that inserts
 * the sync_events rows (a repeat, even within one batch, is skipped by the
 * unique key) and a log row for each event that was new. Each caller still
 * hears back only after its own row committed.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../db/create-db.js';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';
import { createGroupCommit, type SubmitItem } from '../db/group-commit.js';
import { jsonbAccepts, storableText } from '../db/postgres-text-limits.js';
import type { ClinicEventInput } from './clinic-events.js';

/** A verified DrChrono delivery that needs no processing, and why (PHI-free), and when its handling finished. */
export type IgnoredDelivery = Omit<ClinicEventInput, 'source' | 'payload' | 'ignoredBecause'> & { ignoredBecause: string; finishedAt: Date };

/** Most deliveries in one statement; beyond this, a bigger bind parameter saves no more round trips. */
const MAX_BATCH = 64;
/** Flushes at once: one writes while the next batch forms, leaving the rest of a small pool to other work. */
const MAX_IN_FLIGHT = 2;

// $1: one JSON array per delivery, in TUPLE order. Tuples with epoch milliseconds, not objects with ISO dates:
// serialising the batch is per-delivery work on the busiest path, and Date#toJSON alone would double it.
// The log row is the one a single delivery writes (see receive-drchrono-webhook.ts), built here from the event.
const TUPLE = ['id', 'kind', 'idempotency_key', 'idempotency_source', 'signature_form', 'correlation_id', 'raw_body', 'received_ms', 'finished_ms', 'reason', 'payload_ok'] as const;
const at = (name: (typeof TUPLE)[number]) => TUPLE.indexOf(name);
const STORE_BATCH = `
with input as (
  select (t->>${at('id')})::uuid as id, t->>${at('kind')} as kind, t->>${at('idempotency_key')} as idempotency_key,
         t->>${at('idempotency_source')} as idempotency_source, t->>${at('signature_form')} as signature_form,
         t->>${at('correlation_id')} as correlation_id, t->>${at('raw_body')} as raw_body,
         to_timestamp((t->>${at('received_ms')})::float8 / 1000) as received_at,
         to_timestamp((t->>${at('finished_ms')})::float8 / 1000) as finished_at, t->>${at('reason')} as reason,
         (t->>${at('payload_ok')})::boolean as payload_ok
  from jsonb_array_elements($1::jsonb) t
), stored as (
  insert into sync_events (id, direction, source, kind, pharmacy_id, idempotency_key, idempotency_source, signature_form,
                           correlation_id, payload, raw_body, status, received_at, processed_at, last_error)
  select id, 'inbound', 'drchrono', kind, null, idempotency_key, idempotency_source, signature_form,
         correlation_id, case when payload_ok then raw_body::jsonb end, raw_body, 'ignored', received_at, received_at, reason
  from input
  on conflict (source, idempotency_key) do nothing
  returning id
), logged as (
  insert into integration_logs (id, correlation_id, source, kind, pharmacy_id, practice_id, stream, status, started_at, finished_at,
                                duration_ms, unchanged, counts, details)
  select gen_random_uuid(), i.correlation_id, 'drchrono', 'webhook', null, null, null, 'succeeded', i.received_at, i.finished_at,
         greatest(0, round(extract(epoch from i.finished_at - i.received_at) * 1000))::int, 1,
         '{"fetched":0,"created":0,"updated":0,"unchanged":1,"invalid":0,"failed":0}'::jsonb,
         jsonb_build_object('event', i.kind, 'syncEventId', i.id, 'signatureForm', i.signature_form, 'ignored', i.reason)
  from input i join stored using (id)
)
select id from stored`;

type Tuple = [string, string, string, string | null, string | null, string, string, number, number, string, boolean];

function storeBatch(db: Db): (items: readonly IgnoredDelivery[]) => Promise<boolean[]> {
  return async (items) => {
    const tuples = items.map(
      (d): Tuple => [d.id, d.kind, d.idempotencyKey, d.idempotencySource ?? null, d.signatureForm ?? null, d.correlationId, storableText(d.rawBody), d.receivedAt.getTime(), d.finishedAt.getTime(), d.ignoredBecause, jsonbAccepts(d.rawBody)],
    );
    const result = await db.executeQuery<{ id: string }>(CompiledQuery.raw(STORE_BATCH, [JSON.stringify(tuples)]));
    const stored = new Set(result.rows.map((r) => r.id));
    return items.map((d) => stored.has(d.id));
  };
}

const batchers = new WeakMap<Db, SubmitItem<IgnoredDelivery, boolean>>();

/**
 * Stores a delivery that needs no processing, settled 'ignored' (last_error = the reason), with its
 * integration_logs row (succeeded, one unchanged, details naming the event, the stored id, the signature form
 * and the reason). True when it was new; false for a repeat, and then nothing is written (the caller's duplicate
 * path logs it). The payload column is filled from the raw body, which must therefore be JSON (it is left
 * empty when jsonb cannot hold it; see postgres-text-limits.ts).
 */
export function storeIgnoredDelivery(db: Db, delivery: IgnoredDelivery): Promise<boolean> {
  let submit = batchers.get(db);
  if (!submit) {
    submit = createGroupCommit(storeBatch(db), { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT, failsEveryItem: isDatabaseUnavailable });
    batchers.set(db, submit);
  }
  return submit(delivery);
}
