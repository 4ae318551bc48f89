/**
 * Clinic deliveries (DrChrono webhooks, Deep Cura gridhooks) in sync_events:
 * stored raw before anything else, keyed by (source, idempotency key), and
 * practice-scoped rather than pharmacy-scoped (shared/db/inbound-events.ts
 * serves the pharmacy side).
 */
import type { Db } from '../db/create-db.js';
import { storeEventOnce, type InsertInboundResult } from '../db/inbound-events.js';
import type { IdempotencySource, SignatureForm, SyncEventStatus } from '../db/database.js';

export interface ClinicEventInput {
  id: string;
  source: 'drchrono' | 'deepcura';
  kind: string;
  idempotencyKey: string;
  idempotencySource?: IdempotencySource;
  signatureForm?: SignatureForm;
  correlationId: string;
  rawBody: string;
  /** The parsed body, or null when it did not parse (or is ciphertext we have not opened yet). */
  payload: unknown;
  receivedAt: Date;
  /** Store it already settled as ignored (with this PHI-free note), for deliveries that need no processing. */
  ignoredBecause?: string;
}

export type StoreResult = InsertInboundResult;

/** The sync_events values of a new inbound clinic delivery. */
export function clinicEventValues(input: ClinicEventInput) {
  return {
    id: input.id,
    direction: 'inbound' as const,
    source: input.source,
    kind: input.kind,
    pharmacy_id: null,
    idempotency_key: input.idempotencyKey,
    idempotency_source: input.idempotencySource ?? null,
    signature_form: input.signatureForm ?? null,
    correlation_id: input.correlationId,
    payload: input.payload === null || input.payload === undefined ? null : JSON.stringify(input.payload),
    raw_body: input.rawBody,
    status: input.ignoredBecause === undefined ? ('received' as const) : ('ignored' as const),
    received_at: input.receivedAt,
    ...(input.ignoredBecause === undefined ? {} : { processed_at: input.receivedAt, last_error: input.ignoredBecause }),
  };
}

/** Stores a delivery once; a repeat returns the stored row's id and status and changes nothing. */
export async function storeClinicEvent(db: Db, input: ClinicEventInput): Promise<StoreResult> {
  return storeEventOnce(db, clinicEventValues(input));
}

/** Sets a final status (applied, ignored, unroutable) with an optional PHI-free note; clears any retry time. */
export async function settleClinicEvent(
  db: Db,
  input: { id: string; status: Extract<SyncEventStatus, 'applied' | 'ignored' | 'unroutable'>; at: Date; note?: string; practiceId?: string | null },
): Promise<void> {
  await db
    .updateTable('sync_events')
    .set({
      status: input.status,
      processed_at: input.at,
      next_attempt_at: null,
      locked_until: null,
      last_error: input.note ?? null,
      ...(input.practiceId ? { practice_id: input.practiceId } : {}),
    })
    .where('id', '=', input.id)
    .execute();
}

/** Records which practice a delivery belongs to, as soon as it is known (before processing can fail). */
export async function setClinicEventPractice(db: Db, id: string, practiceId: string): Promise<void> {
  await db.updateTable('sync_events').set({ practice_id: practiceId }).where('id', '=', id).execute();
}
