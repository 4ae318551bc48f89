// What tests and the demo see of one practice (one DrChrono account).
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

/** A copy of every record of a practice, in id order; deleted appointments included (deleted_flag). */
export interface PracticeSnapshot {
  user: CurrentUser;
  doctors: Doctor[];
  offices: Office[];
  patients: Patient[];
  insurance: Record<number, PatientInsurance>;
  appointments: Appointment[];
  clinicalNotes: ClinicalNote[];
  medications: Medication[];
  problems: Problem[];
  allergies: Allergy[];
  lineItems: LineItem[];
  lineItemDeletions: LineItemDeletion[];
}

/** One practice; every mutation stamps updated_at with the sandbox clock and fires its webhook, if any. */
export interface SandboxPractice {
  readonly id: string;
  readonly name: string;
  /** A copy of the records. */
  readonly data: PracticeSnapshot;
  createPatient(): Patient;
  modifyPatient(id: number): Patient;
  /** Scheduled at `scheduledTime` (default: the sandbox clock's now). */
  createAppointment(patientId: number, opts?: { scheduledTime?: Date }): Appointment;
  modifyAppointment(id: string): Appointment;
  /** Sets deleted_flag (the appointment still lists) and fires APPOINTMENT_DELETE. */
  deleteAppointment(id: string): Appointment;
  /** An unlocked note for the appointment; DrChrono has no event for it (sync or a later lock finds it). */
  createClinicalNote(appointmentId: string): ClinicalNote;
  lockNote(id: number): ClinicalNote;
  unlockNote(id: number): ClinicalNote;
  createMedication(patientId: number): Medication;
  modifyMedication(id: number): Medication;
  /** Vanishes from lists and details, with no webhook (contract). */
  removeMedication(id: number): void;
  createProblem(patientId: number): Problem;
  modifyProblem(id: number): Problem;
  removeProblem(id: number): void;
  createAllergy(patientId: number): Allergy;
  modifyAllergy(id: number): Allergy;
  removeAllergy(id: number): void;
  createLineItem(appointmentId: string): LineItem;
  modifyLineItem(id: number): LineItem;
  /** Vanishes, is listed in line_item_deletions, and fires LINE_ITEM_DELETE. */
  deleteLineItem(id: number): void;
}
