// The records of one practice, keyed by id. Maps keep insertion order and ids
// only grow, so iteration order is id order: what keyset paging relies on.
import type { PracticeSnapshot } from './sandbox-practice.js';
import type {
  Allergy,
  Appointment,
  ClinicalNote,
  CurrentUser,
  Doctor,
  LineItem,
  LineItemDeletion,
  Medication,
  Office,
  Patient,
  PatientInsurance,
  Problem,
} from './wire.js';

/** Mutable record storage of one practice. */
export class PracticeData {
  user!: CurrentUser;
  doctors: Doctor[] = [];
  offices: Office[] = [];
  readonly patients = new Map<number, Patient>();
  readonly insurance = new Map<number, PatientInsurance>();
  readonly appointments = new Map<string, Appointment>();
  readonly clinicalNotes = new Map<number, ClinicalNote>();
  readonly medications = new Map<number, Medication>();
  readonly problems = new Map<number, Problem>();
  readonly allergies = new Map<number, Allergy>();
  readonly lineItems = new Map<number, LineItem>();
  readonly lineItemDeletions: LineItemDeletion[] = [];

  /** The patient with that id, or throws (mutations name ids the caller got from us). */
  patient(id: number): Patient {
    return required(this.patients.get(id), 'patient', id);
  }

  /** A deep copy of every record, in id order. */
  snapshot(): PracticeSnapshot {
    return structuredClone({
      user: this.user,
      doctors: this.doctors,
      offices: this.offices,
      patients: [...this.patients.values()],
      insurance: Object.fromEntries(this.insurance),
      appointments: [...this.appointments.values()],
      clinicalNotes: [...this.clinicalNotes.values()],
      medications: [...this.medications.values()],
      problems: [...this.problems.values()],
      allergies: [...this.allergies.values()],
      lineItems: [...this.lineItems.values()],
      lineItemDeletions: [...this.lineItemDeletions].sort((a, b) => a.id - b.id),
    });
  }

  /** The appointment with that id, or throws. */
  appointment(id: string): Appointment {
    return required(this.appointments.get(id), 'appointment', id);
  }
}

/** The value, or an Error naming the missing record. */
export function required<T>(value: T | undefined, kind: string, id: number | string): T {
  if (value === undefined) throw new Error(`no ${kind} ${id}`);
  return value;
}
