/**
 * What each DrChrono webhook event asks of us. The object in a delivery is a
 * hint: we re-fetch by id (contracts/drchrono.md). There is no
 * CLINICAL_NOTE_MODIFY and no delete event for medications, problems or
 * allergies; reconciliation catches those.
 */
import type { MirrorKind } from '../drchrono/rows.js';

export type EventPlan =
  /** Re-fetch the object and upsert it; `deleteEvent`: a 404 or deleted_flag means deleted. */
  | { action: 'fetch'; kind: MirrorKind; verbose: boolean; deleteEvent: boolean }
  /** Mark the object deleted without a re-fetch (DrChrono has nothing left to fetch). */
  | { action: 'delete'; kind: MirrorKind }
  /** PING and events we do not mirror (TASK_*, LAB_ORDER_*, PATIENT_FLAG_*, VACCINE_ADMINISTERED, …). */
  | { action: 'ignore' };

const fetch = (kind: MirrorKind, opts: { verbose?: boolean; deleteEvent?: boolean } = {}): EventPlan => ({
  action: 'fetch',
  kind,
  verbose: opts.verbose ?? false,
  deleteEvent: opts.deleteEvent ?? false,
});

const PLANS: Readonly<Record<string, EventPlan>> = {
  // Verbose reads are the only ones that carry insurance.
  PATIENT_CREATE: fetch('patients', { verbose: true }),
  PATIENT_MODIFY: fetch('patients', { verbose: true }),
  APPOINTMENT_CREATE: fetch('appointments'),
  APPOINTMENT_MODIFY: fetch('appointments'),
  APPOINTMENT_DELETE: fetch('appointments', { deleteEvent: true }),
  CLINICAL_NOTE_LOCK: fetch('clinical_notes'),
  CLINICAL_NOTE_UNLOCK: fetch('clinical_notes'),
  PATIENT_MEDICATION_CREATE: fetch('medications'),
  PATIENT_MEDICATION_MODIFY: fetch('medications'),
  PATIENT_PROBLEM_CREATE: fetch('problems'),
  PATIENT_PROBLEM_MODIFY: fetch('problems'),
  PATIENT_ALLERGY_CREATE: fetch('allergies'),
  PATIENT_ALLERGY_MODIFY: fetch('allergies'),
  LINE_ITEM_CREATE: fetch('line_items'),
  LINE_ITEM_MODIFY: fetch('line_items'),
  LINE_ITEM_DELETE: { action: 'delete', kind: 'line_items' },
};

/** The plan for `event` (the X-drchrono-event header); anything unlisted is ignored. */
export function planFor(event: string): EventPlan {
  return Object.hasOwn(PLANS, event) ? (PLANS[event] as EventPlan) : { action: 'ignore' };
}

/** The events we act on, for docs and tests. */
export const HANDLED_EVENTS: readonly string[] = Object.keys(PLANS);
