// DrChrono API v4 record shapes as the sandbox serves them (contract
// "Records"): only the fields the contract lists, plus ids that link them.

/** A doctor of a practice (`/api/doctors`). */
export interface Doctor {
  id: number;
  first_name: string;
  last_name: string;
  specialty: string;
  npi_number: string;
}

/** An office of a practice (`/api/offices`). */
export interface Office {
  id: number;
  name: string;
  address: string;
  city: string;
  state: string;
  zip_code: string;
  doctor: number;
}

/** One insurance slot, only in `verbose=true` patient reads. */
export interface Insurance {
  insurance_company: string;
  insurance_payer_id: string;
  insurance_plan_name: string;
  insurance_id_number: string;
  insurance_group_number: string;
}

/** A patient (`/api/patients`); insurance is kept aside and shown only when verbose. */
export interface Patient {
  id: number;
  chart_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  gender: 'Male' | 'Female' | 'Other';
  email: string;
  cell_phone: string;
  home_phone: string;
  address: string;
  city: string;
  state: string;
  zip_code: string;
  doctor: number;
  patient_status: 'A' | 'I';
  default_pharmacy: string;
  preferred_pharmacies: string[];
  created_at: string;
  updated_at: string;
}

/** A patient's insurance slots (null when the patient has none in that slot). */
export interface PatientInsurance {
  primary_insurance: Insurance | null;
  secondary_insurance: Insurance | null;
}

/** An appointment; its id is a string on the wire. */
export interface Appointment {
  id: string;
  patient: number;
  doctor: number;
  office: number;
  scheduled_time: string;
  duration: number;
  status: string;
  reason: string;
  icd10_codes: string[];
  deleted_flag: boolean;
  created_at: string;
  updated_at: string;
}

/** One section of a clinical note. */
export interface ClinicalNoteSection {
  clinical_note_template: number;
  name: string;
  values: { clinical_note_field: number; value: string }[];
}

/** A clinical note, linked to its appointment by the appointment's string id. */
export interface ClinicalNote {
  id: number;
  patient: number;
  appointment: string;
  locked: boolean;
  pdf: string;
  clinical_note_sections: ClinicalNoteSection[];
  created_at: string;
  updated_at: string;
}

/** A medication on a patient's list. */
export interface Medication {
  id: number;
  patient: number;
  doctor: number;
  appointment: string | null;
  name: string;
  rxnorm: string;
  ndc: string;
  dosage_quantity: string;
  dosage_units: string;
  frequency: string;
  route: string;
  status: 'active' | 'inactive';
  date_prescribed: string;
  date_stopped_taking: string | null;
  number_refills: number;
  dispense_quantity: number;
  daw: boolean;
  prn: boolean;
  updated_at: string;
}

/** A problem on a patient's list. */
export interface Problem {
  id: number;
  patient: number;
  name: string;
  icd_code: string;
  icd_version: '10';
  snomed_ct_code: string;
  status: 'active' | 'inactive' | 'resolved';
  date_onset: string;
  date_diagnosis: string;
  updated_at: string;
}

/** An allergy on a patient's list. */
export interface Allergy {
  id: number;
  patient: number;
  description: string;
  reaction: string;
  snomed_code: string;
  rxnorm: string;
  status: 'active' | 'inactive';
  updated_at: string;
}

/** A billing line item of an appointment; money fields are decimal strings as DrChrono sends them. */
export interface LineItem {
  id: number;
  appointment: string;
  patient: number;
  doctor: number;
  code: string;
  procedure_type: 'C' | 'H';
  units: string;
  price: string;
  billed: string;
  paid_total: string;
  balance_total: string;
  posted_date: string;
  service_date: string;
  updated_at: string;
}

/** One row of `/api/line_item_deletions`. */
export interface LineItemDeletion {
  id: number;
  deleted_at: string;
}

/** `/api/users/current`. */
export interface CurrentUser {
  id: number;
  username: string;
  doctor: number;
  practice_group: number;
  is_doctor: boolean;
  is_staff: boolean;
}

/** Webhook events the contract names (TASK_* and others may be fired by name with fireEvent). */
export const DRCHRONO_EVENTS = [
  'PATIENT_CREATE',
  'PATIENT_MODIFY',
  'APPOINTMENT_CREATE',
  'APPOINTMENT_MODIFY',
  'APPOINTMENT_DELETE',
  'CLINICAL_NOTE_LOCK',
  'CLINICAL_NOTE_UNLOCK',
  'PATIENT_MEDICATION_CREATE',
  'PATIENT_MEDICATION_MODIFY',
  'PATIENT_PROBLEM_CREATE',
  'PATIENT_PROBLEM_MODIFY',
  'PATIENT_ALLERGY_CREATE',
  'PATIENT_ALLERGY_MODIFY',
  'LINE_ITEM_CREATE',
  'LINE_ITEM_MODIFY',
  'LINE_ITEM_DELETE',
] as const;

/** A webhook event the sandbox fires on its own. */
export type DrChronoEvent = (typeof DRCHRONO_EVENTS)[number];
