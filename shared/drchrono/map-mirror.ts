/** One entry point for every mirror kind: the webhook processor and the reconciler map through it. */
import { mapAllergy } from './map-allergy.js';
import { mapAppointment } from './map-appointment.js';
import { mapClinicalNote } from './map-clinical-note.js';
import { mapLineItem } from './map-line-item.js';
import { mapMedication } from './map-medication.js';
import { mapPatient } from './map-patient.js';
import { mapProblem } from './map-problem.js';
import type { MirrorKind, MirrorRowByKind } from './rows.js';

/** A mapped row (with `deleted` true when DrChrono flags the object deleted), or why it was refused. */
export type MirrorResult<K extends MirrorKind> = { ok: true; row: MirrorRowByKind[K]; deleted: boolean } | { ok: false; reason: string };

type Mapper<K extends MirrorKind> = (wire: unknown) => { ok: true; row: MirrorRowByKind[K]; deleted?: boolean } | { ok: false; reason: string };

const MAPPERS: { [K in MirrorKind]: Mapper<K> } = {
  patients: mapPatient,
  appointments: mapAppointment,
  clinical_notes: mapClinicalNote,
  medications: mapMedication,
  problems: mapProblem,
  allergies: mapAllergy,
  line_items: mapLineItem,
};

/** Maps one wire object of `kind`; the reason names the field and rule, never a value. */
export function mapMirror<K extends MirrorKind>(kind: K, wire: unknown): MirrorResult<K> {
  const result = MAPPERS[kind](wire);
  return result.ok ? { ok: true, row: result.row, deleted: result.deleted === true } : result;
}
