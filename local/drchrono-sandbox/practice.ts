// One practice: its generated records and the mutations tests drive, each
// stamped with the sandbox clock and announced through the webhook sender.
import { changeAllergy, changeMedication, changeProblem, makeAllergy, makeMedication, makeProblem } from './chart-factory.js';
import { generatePractice } from './generate-practice.js';
import type { IdAllocator } from './id-allocator.js';
import { changePatient, makeInsurance, makePatient } from './patient-factory.js';
import type { FactoryContext } from './patient-factory.js';
import { required } from './practice-data.js';
import type { PracticeData } from './practice-data.js';
import type { ResolvedPracticeOptions } from './practice-options.js';
import type { PracticeSnapshot, SandboxPractice } from './sandbox-practice.js';
import { isoSeconds } from './time.js';
import { changeAppointment, changeLineItem, makeAppointment, makeClinicalNote, makeLineItem } from './visit-factory.js';
import type { Allergy, Appointment, ClinicalNote, LineItem, Medication, Patient, Problem } from './wire.js';

/** How a practice announces a change: (event, the object as the API serves it). */
export type EmitEvent = (event: string, object: unknown) => void;

/** Ports a practice needs. */
export interface PracticeDeps {
  ids: IdAllocator;
  now: () => Date;
  emit: EmitEvent;
}

/** The implementation behind SandboxPractice; the HTTP layer reads `db`. */
export class Practice implements SandboxPractice {
  readonly id: string;
  readonly name: string;
  readonly db: PracticeData;
  private readonly ctx: FactoryContext;

  constructor(
    opts: ResolvedPracticeOptions,
    practiceGroup: number,
    private readonly deps: PracticeDeps,
  ) {
    this.id = opts.id;
    this.name = opts.name;
    const { data, ctx } = generatePractice(opts, deps.ids, practiceGroup, deps.now().getTime());
    this.db = data;
    this.ctx = ctx;
  }

  get data(): PracticeSnapshot {
    return this.db.snapshot();
  }

  createPatient(): Patient {
    const p = makePatient(this.ctx, this.nowMs(), this.nowMs());
    this.db.patients.set(p.id, p);
    this.db.insurance.set(p.id, makeInsurance(this.ctx.prng));
    return this.fire('PATIENT_CREATE', p);
  }

  modifyPatient(id: number): Patient {
    return this.fire('PATIENT_MODIFY', changePatient(this.ctx.prng, this.db.patient(id), this.nowMs()));
  }

  createAppointment(patientId: number, opts: { scheduledTime?: Date } = {}): Appointment {
    const at = this.nowMs();
    const a = makeAppointment(this.ctx, this.db.patient(patientId), opts.scheduledTime?.getTime() ?? at, at, at);
    this.db.appointments.set(a.id, a);
    return this.fire('APPOINTMENT_CREATE', a);
  }

  modifyAppointment(id: string): Appointment {
    return this.fire('APPOINTMENT_MODIFY', changeAppointment(this.ctx, this.db.appointment(id), this.nowMs()));
  }

  deleteAppointment(id: string): Appointment {
    const a = this.db.appointment(id);
    a.deleted_flag = true;
    a.updated_at = isoSeconds(this.nowMs());
    return this.fire('APPOINTMENT_DELETE', a);
  }

  createClinicalNote(appointmentId: string): ClinicalNote {
    const note = makeClinicalNote(this.ctx, this.db.appointment(appointmentId), this.nowMs(), this.nowMs());
    note.locked = false;
    this.db.clinicalNotes.set(note.id, note);
    return structuredClone(note);
  }

  lockNote(id: number): ClinicalNote {
    return this.fire('CLINICAL_NOTE_LOCK', this.setLocked(id, true));
  }

  unlockNote(id: number): ClinicalNote {
    return this.fire('CLINICAL_NOTE_UNLOCK', this.setLocked(id, false));
  }

  createMedication(patientId: number): Medication {
    const m = makeMedication(this.ctx, this.db.patient(patientId), null, this.nowMs());
    this.db.medications.set(m.id, m);
    return this.fire('PATIENT_MEDICATION_CREATE', m);
  }

  modifyMedication(id: number): Medication {
    const m = required(this.db.medications.get(id), 'medication', id);
    return this.fire('PATIENT_MEDICATION_MODIFY', changeMedication(m, this.nowMs()));
  }

  removeMedication(id: number): void {
    if (!this.db.medications.delete(id)) throw new Error(`no medication ${id}`);
  }

  createProblem(patientId: number): Problem {
    const p = makeProblem(this.ctx, this.db.patient(patientId), this.nowMs());
    this.db.problems.set(p.id, p);
    return this.fire('PATIENT_PROBLEM_CREATE', p);
  }

  modifyProblem(id: number): Problem {
    const p = required(this.db.problems.get(id), 'problem', id);
    return this.fire('PATIENT_PROBLEM_MODIFY', changeProblem(p, this.nowMs()));
  }

  removeProblem(id: number): void {
    if (!this.db.problems.delete(id)) throw new Error(`no problem ${id}`);
  }

  createAllergy(patientId: number): Allergy {
    const a = makeAllergy(this.ctx, this.db.patient(patientId), this.nowMs());
    this.db.allergies.set(a.id, a);
    return this.fire('PATIENT_ALLERGY_CREATE', a);
  }

  modifyAllergy(id: number): Allergy {
    const a = required(this.db.allergies.get(id), 'allergy', id);
    return this.fire('PATIENT_ALLERGY_MODIFY', changeAllergy(this.ctx, a, this.nowMs()));
  }

  removeAllergy(id: number): void {
    if (!this.db.allergies.delete(id)) throw new Error(`no allergy ${id}`);
  }

  createLineItem(appointmentId: string): LineItem {
    const item = makeLineItem(this.ctx, this.db.appointment(appointmentId), this.nowMs());
    this.db.lineItems.set(item.id, item);
    return this.fire('LINE_ITEM_CREATE', item);
  }

  modifyLineItem(id: number): LineItem {
    const item = required(this.db.lineItems.get(id), 'line item', id);
    return this.fire('LINE_ITEM_MODIFY', changeLineItem(item, this.nowMs()));
  }

  deleteLineItem(id: number): void {
    const item = required(this.db.lineItems.get(id), 'line item', id);
    this.db.lineItems.delete(id);
    this.db.lineItemDeletions.push({ id, deleted_at: isoSeconds(this.nowMs()) });
    this.fire('LINE_ITEM_DELETE', item);
  }

  private setLocked(id: number, locked: boolean): ClinicalNote {
    const note = required(this.db.clinicalNotes.get(id), 'clinical note', id);
    note.locked = locked;
    note.updated_at = isoSeconds(this.nowMs());
    return note;
  }

  private fire<T>(event: string, object: T): T {
    const copy = structuredClone(object);
    this.deps.emit(event, copy);
    return structuredClone(copy);
  }

  private nowMs(): number {
    return this.deps.now().getTime();
  }
}
