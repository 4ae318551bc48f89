/**
 * Which practice a DrChrono object belongs to. One API application serves many
 * practices and a webhook names none, so we try, in order: the object's doctor
 * and office (practice_routes), then what we already hold: the patient it
 * names (or is), the appointment it names, and the object itself.
 */
import type { Db } from '../db/create-db.js';
import type { MirrorKind } from '../drchrono/rows.js';

export type RouteVia = 'doctor' | 'office' | 'patient' | 'appointment' | 'stored_object';

export interface Route {
  practiceId: string;
  via: RouteVia;
}

/** The practice of `object` (a webhook object of `kind`), or null when nothing we know routes it. */
export async function routeDelivery(db: Db, kind: MirrorKind, object: Record<string, unknown>): Promise<Route | null> {
  const doctor = idOf(object.doctor);
  if (doctor) {
    const r = await byRoute(db, 'doctor', doctor);
    if (r) return { practiceId: r, via: 'doctor' };
  }
  const office = idOf(object.office);
  if (office) {
    const r = await byRoute(db, 'office', office);
    if (r) return { practiceId: r, via: 'office' };
  }
  const patient = kind === 'patients' ? idOf(object.id) : idOf(object.patient);
  if (patient) {
    const r = await db.selectFrom('patients').select('practice_id').where('drchrono_id', '=', patient).executeTakeFirst();
    if (r) return { practiceId: r.practice_id, via: 'patient' };
  }
  const appointment = kind === 'appointments' ? appointmentIdOf(object.id) : appointmentIdOf(object.appointment);
  if (appointment) {
    const r = await db.selectFrom('appointments').select('practice_id').where('drchrono_id', '=', appointment).executeTakeFirst();
    if (r) return { practiceId: r.practice_id, via: 'appointment' };
  }
  const own = idOf(object.id);
  if (own && kind !== 'patients' && kind !== 'appointments') {
    const r = await db.selectFrom(kind).select('practice_id').where('drchrono_id', '=', own).executeTakeFirst();
    if (r) return { practiceId: r.practice_id, via: 'stored_object' };
  }
  return null;
}

async function byRoute(db: Db, kind: 'doctor' | 'office', id: string): Promise<string | null> {
  const row = await db
    .selectFrom('practice_routes')
    .select('practice_id')
    .where('kind', '=', kind)
    .where('drchrono_id', '=', id)
    .executeTakeFirst();
  return row?.practice_id ?? null;
}

/**
 * A DrChrono id as text. Ids are integers (appointments' are strings of digits);
 * anything else cannot match a stored row, and would make a bigint comparison fail.
 */
export function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,18}$/.test(value.trim())) return value.trim();
  return null;
}

/** An appointment id: DrChrono sends them as strings, not always plain digits. */
export function appointmentIdOf(value: unknown): string | null {
  if (typeof value === 'number') return idOf(value);
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value.trim())) return value.trim();
  return null;
}

/** The id of an object of `kind`, in the form its table stores. */
export function objectIdOf(kind: MirrorKind, value: unknown): string | null {
  return kind === 'appointments' ? appointmentIdOf(value) : idOf(value);
}
