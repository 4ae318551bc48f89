// Test-only: a fresh practice and mirror rows with ids no other test uses.
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { AllergyRow, AppointmentRow, ClinicalNoteRow, InsuranceRow, MedicationRow, PatientRow, ProblemRow } from '../drchrono/rows.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';

let counter = 0;
const base = BigInt(randomInt(1, 2 ** 40)) * 1000n;

/** A DrChrono id unique to this test process (random base, counted up). */
export function nextDrchronoId(): string {
  counter++;
  return (base + BigInt(counter)).toString();
}

/** Inserts a practice with a unique id and returns the id. */
export async function newPractice(db: Db): Promise<string> {
  const id = uniquePharmacyId('pr_t');
  await db
    .insertInto('practices')
    .values({ id, name: 'Test practice', base_url: 'http://127.0.0.1:1', token_secret_ref: `t-${id}`, client_secret_ref: 'c' })
    .execute();
  return id;
}

function hashOf(raw: unknown): string {
  return createHash('sha256').update(JSON.stringify(raw)).digest('hex');
}

/** A patient row whose content hash follows its raw object. */
export function patientRow(drchronoId: string, lastName = 'Doe'): PatientRow {
  const raw = { id: Number(drchronoId), last_name: lastName };
  return { drchrono_id: drchronoId, last_name: lastName, first_name: 'Jane', date_of_birth: '1980-02-29', raw: JSON.stringify(raw), content_hash: hashOf(raw) };
}

/** An appointment row scheduled at `scheduledTime` (ISO, the clinic's wall-clock time as UTC). */
export function appointmentRow(drchronoId: string, patient: string, scheduledTime: string): AppointmentRow {
  const raw = { id: drchronoId, patient, scheduled_time: scheduledTime };
  return {
    drchrono_id: drchronoId, patient_drchrono_id: patient, scheduled_time: scheduledTime, duration: 30,
    icd10_codes: JSON.stringify(['E11.9']), raw: JSON.stringify(raw), content_hash: hashOf(raw),
  };
}

/** A clinical note row for an appointment, without a note_date (the store fills it). */
export function clinicalNoteRow(drchronoId: string, patient: string, appointment: string, locked = false): ClinicalNoteRow {
  const raw = { id: Number(drchronoId), patient, appointment, locked };
  return {
    drchrono_id: drchronoId, patient_drchrono_id: patient, appointment_drchrono_id: appointment, locked,
    sections: '[]', raw: JSON.stringify(raw), content_hash: hashOf(raw),
  };
}

/** A medication row of a patient. */
export function medicationRow(drchronoId: string, patient: string, dose = '10'): MedicationRow {
  const raw = { id: Number(drchronoId), patient, dose };
  return {
    drchrono_id: drchronoId, patient_drchrono_id: patient, dosage_quantity: dose, dispense_quantity: 30.5,
    date_prescribed: '2026-01-02', daw: false, raw: JSON.stringify(raw), content_hash: hashOf(raw),
  };
}

/** A problem of a patient. */
export function problemRow(drchronoId: string, patient: string, status = 'active'): ProblemRow {
  const raw = { id: Number(drchronoId), patient, status };
  return { drchrono_id: drchronoId, patient_drchrono_id: patient, name: 'Asthma', status, raw: JSON.stringify(raw), content_hash: hashOf(raw) };
}

/** An allergy of a patient. */
export function allergyRow(drchronoId: string, patient: string, reaction = 'Hives'): AllergyRow {
  const raw = { id: Number(drchronoId), patient, reaction };
  return { drchrono_id: drchronoId, patient_drchrono_id: patient, description: 'Penicillin', reaction, raw: JSON.stringify(raw), content_hash: hashOf(raw) };
}

/** An insurance slot of a patient. */
export function insuranceRow(patient: string, slot: InsuranceRow['slot'], payer = 'Acme'): InsuranceRow {
  const raw = { slot, payer };
  return { patient_drchrono_id: patient, slot, payer_name: payer, raw: JSON.stringify(raw), content_hash: hashOf(raw) };
}

/** One insurance slot as DrChrono's verbose patient read gives it (primary_insurance etc.), paid by `company`. */
export function wireInsuranceSlot(company: string): Record<string, string> {
  return { insurance_company: company, insurance_payer_id: '60054', insurance_plan_name: 'PPO', insurance_id_number: 'M1', insurance_group_number: 'G9' };
}

/** The patient's stored slots as [slot, payer, live|deleted], in slot order. */
export async function storedInsuranceSlots(db: Db, patient: string): Promise<(string | null)[][]> {
  const rows = await db.selectFrom('insurances').select(['slot', 'payer_name', 'deleted_at']).where('patient_drchrono_id', '=', patient).orderBy('slot').execute();
  return rows.map((r) => [r.slot, r.payer_name, r.deleted_at === null ? 'live' : 'deleted']);
}
