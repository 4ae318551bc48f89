/**
 * A delivery's patient joins the practice's per-patient queue in the delivery's
 * own transaction. DrChrono sends no delete event for medications, problems or
 * allergies, so a patient a webhook touched is re-listed by the next run to
 * catch what vanished. Queueing with the write (rather than a later scan of
 * sync_events by processed_at, which is not commit order) means an applied
 * delivery can never be missed, and queueing twice is harmless.
 */
import type { Db } from '../db/create-db.js';
import type { MirrorKind } from '../drchrono/rows.js';
import { queuePatients } from '../ehr-sync/pending-patients.js';
import { idOf } from './route-delivery.js';

/** The patient is the object itself for patient events, else the object's `patient` field (as routing reads it). */
export function deliveryPatient(kind: MirrorKind, objectId: string, payload: unknown): string | null {
  return idOf(kind === 'patients' ? objectId : patientField(payload));
}

/** Queues the delivery's patient, if it names one; inside the delivery's transaction. */
export async function queueDeliveryPatient(trx: Db, practiceId: string, d: { kind: MirrorKind; objectId: string; payload: unknown }): Promise<void> {
  const patient = deliveryPatient(d.kind, d.objectId, d.payload);
  if (patient !== null) await queuePatients(trx, practiceId, [patient], 'webhook');
}

function patientField(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const object = (payload as { object?: unknown }).object;
  return typeof object === 'object' && object !== null ? (object as { patient?: unknown }).patient : undefined;
}
