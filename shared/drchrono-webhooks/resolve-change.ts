/**
 * The network half of processing a delivery, done before any transaction:
 * route it to a practice, re-fetch the object by id (the webhook body is only
 * a hint), and decide what the mirror should do with it.
 */
import type { Db } from '../db/create-db.js';
import type { DrChronoApi } from '../drchrono/drchrono-api.js';
import { mapInsurances, type InsuranceRead } from '../drchrono/map-insurances.js';
import { mapMirror } from '../drchrono/map-mirror.js';
import type { MirrorKind, MirrorRowByKind } from '../drchrono/rows.js';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import type { EventPlan } from './event-plan.js';
import { objectIdOf, routeDelivery, type Route } from './route-delivery.js';

export type MirrorChangePlan =
  /** `fetchedAt`: when the re-fetch was sent, which orders writes of kinds without an updated_at (ehr-store/fetch-order.ts). */
  | { type: 'upsert'; row: MirrorRowByKind[MirrorKind]; insurances: InsuranceRead | null; fetchedAt: Date }
  | { type: 'delete' }
  /** A 404 on re-fetch outside a delete event: nothing to write; reconciliation settles it. */
  | { type: 'gone' };

export type Routed =
  /** `pending`: the object names no doctor or office, only a patient or appointment we do not hold yet. */
  | { routed: false; kind: MirrorKind; pending: boolean }
  | { routed: true; route: Route; kind: MirrorKind; objectId: string };

/** Finds the object's id and practice; throws permanent `bad_payload` for a body without an object id. */
export async function routeObject(db: Db, kind: MirrorKind, payload: unknown): Promise<Routed> {
  const object = objectOf(payload);
  const objectId = objectIdOf(kind, object.id);
  if (!objectId) throw new AppError('permanent', 'bad_payload', 'bad_payload: object.id: required (a DrChrono id)');
  const route = await routeDelivery(db, kind, object);
  if (route) return { routed: true, route, kind, objectId };
  // DrChrono fires a visit's events together: a note can arrive before the patient or appointment it routes by.
  const names = (field: 'patient' | 'appointment') => kind !== `${field}s` && object[field] !== undefined && object[field] !== null;
  const pending = object.doctor == null && object.office == null && (names('patient') || names('appointment'));
  return { routed: false, kind, pending };
}

/** Re-fetches the object (unless the plan deletes without one) and decides what the mirror does. */
export async function resolveChange(
  api: () => Promise<DrChronoApi>,
  clock: Clock,
  plan: Exclude<EventPlan, { action: 'ignore' }>,
  objectId: string,
): Promise<MirrorChangePlan> {
  if (plan.action === 'delete') return { type: 'delete' };
  const opened = await api();
  // Before sending, as fetch-order.ts needs; after opening the API, since a token refresh is not the read.
  const fetchedAt = clock.now();
  const wire = await opened.get(plan.kind, objectId, plan.verbose ? { verbose: true } : {});
  if (wire === null) return plan.deleteEvent ? { type: 'delete' } : { type: 'gone' };
  const mapped = mapMirror(plan.kind, wire);
  if (!mapped.ok) {
    // Retrying the same answer cannot help: dead-letter with the field and rule (never the value).
    throw new AppError('permanent', 'drchrono_bad_response', `invalid ${plan.kind} from DrChrono: ${mapped.reason}`);
  }
  if (mapped.deleted) return { type: 'delete' };
  const insurances = plan.kind === 'patients' && plan.verbose ? mapInsurances(wire) : null;
  return { type: 'upsert', row: mapped.row, insurances, fetchedAt };
}

/** The `object` of a `{receiver, object}` delivery body. */
function objectOf(payload: unknown): Record<string, unknown> {
  const object = isRecord(payload) ? payload.object : undefined;
  if (!isRecord(object)) throw new AppError('permanent', 'bad_payload', 'bad_payload: object: expected an object');
  return object;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
