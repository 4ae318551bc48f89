/**
 * zod schemas for DrChrono records (contract: "Records (fields we use)").
 * Objects are lenient on extra fields (stripped: the caller keeps the raw
 * object) and strict on the ids we key by.
 */
import { z } from 'zod';
import { optBool, optDate, optDateTime, optId, optInt, optNumber, optText, stringList, wireId } from './wire-fields.js';

/** A patient (`/api/patients`); verbose reads add the insurance objects (see map-insurances.ts). */
export const wirePatientSchema = z.object({
  id: wireId,
  chart_id: optText,
  first_name: optText,
  last_name: optText,
  date_of_birth: optDate,
  gender: optText,
  email: optText,
  cell_phone: optText,
  home_phone: optText,
  address: optText,
  city: optText,
  state: optText,
  zip_code: optText,
  doctor: optId,
  patient_status: optText,
  default_pharmacy: optText,
  updated_at: optDateTime,
});

/** An appointment; its id is a string in DrChrono (recurring appointments use composite ids). */
export const wireAppointmentSchema = z.object({
  id: wireId,
  patient: optId,
  doctor: optId,
  office: optId,
  scheduled_time: optDateTime,
  duration: optInt,
  status: optText,
  reason: optText,
  icd10_codes: stringList,
  deleted_flag: optBool,
  updated_at: optDateTime,
});

/** A clinical note; it carries no date of its own (the visit date comes from the appointment). */
export const wireClinicalNoteSchema = z.object({
  id: wireId,
  patient: optId,
  appointment: optId,
  locked: optBool,
  pdf: optText,
  clinical_note_sections: z
    .array(z.unknown(), { error: 'must be a list' })
    .nullish()
    .transform((v) => v ?? []),
  updated_at: optDateTime,
});

/** A medication of a patient. */
export const wireMedicationSchema = z.object({
  id: wireId,
  patient: wireId,
  doctor: optId,
  appointment: optId,
  name: optText,
  rxnorm: optText,
  ndc: optText,
  dosage_quantity: optText,
  dosage_units: optText,
  frequency: optText,
  route: optText,
  status: optText,
  date_prescribed: optDate,
  date_stopped_taking: optDate,
  number_refills: optInt,
  dispense_quantity: optNumber,
  daw: optBool,
  prn: optBool,
});

/** A problem of a patient. */
export const wireProblemSchema = z.object({
  id: wireId,
  patient: wireId,
  name: optText,
  icd_code: optText,
  icd_version: optText,
  snomed_ct_code: optText,
  status: optText,
  date_onset: optDate,
  date_diagnosis: optDate,
});

/** An allergy of a patient. */
export const wireAllergySchema = z.object({
  id: wireId,
  patient: wireId,
  description: optText,
  reaction: optText,
  snomed_code: optText,
  rxnorm: optText,
  status: optText,
});

/** A billing line item. */
export const wireLineItemSchema = z.object({
  id: wireId,
  appointment: optId,
  patient: optId,
  code: optText,
  procedure_type: optText,
  units: optNumber,
  price: optNumber,
  billed: optNumber,
  paid_total: optNumber,
  balance_total: optNumber,
  posted_date: optDate,
  service_date: optDate,
  updated_at: optDateTime,
});

/** A doctor: only its id matters to us (webhook routing). */
export const wireDoctorSchema = z.object({
  id: wireId,
  first_name: optText,
  last_name: optText,
  specialty: optText,
  npi_number: optText,
});

/** An office: only its id matters to us (webhook routing). */
export const wireOfficeSchema = z.object({ id: wireId, name: optText, doctor: optId });

/** One insurance slot of a verbose patient read. */
export const wireInsuranceSchema = z.object({
  insurance_company: optText,
  insurance_payer_id: optText,
  insurance_plan_name: optText,
  insurance_id_number: optText,
  insurance_group_number: optText,
});
