/** Kysely table types of the clinic side (sql/003 onwards): practices, the EHR mirror, Deep Cura, audit. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, DefaultTimestamp, Json, DateString, Numeric } from './column-types.js';

export type PracticeStatus = 'active' | 'needs_reauth' | 'disabled' | 'error';

export interface PracticesTable {
  id: string;
  name: string;
  enabled: Generated<boolean>;
  base_url: string;
  token_secret_ref: string;
  client_secret_ref: string;
  requests_per_hour: Generated<number>;
  status: Generated<PracticeStatus>;
  access_token_expires_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_full_sync_at: Timestamp | null;
  /** The start of the full pass still unfinished (it names the pass); null when none is. */
  full_pass_started_at: Timestamp | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PracticeRoutesTable {
  kind: 'doctor' | 'office';
  drchrono_id: string;
  practice_id: string;
}

export interface HourlyBudgetsTable {
  budget_key: string;
  window_start: Timestamp;
  used: Generated<number>;
}

/** Columns every EHR mirror table has. */
interface MirrorColumns {
  id: Generated<string>;
  practice_id: string;
  raw: Json;
  content_hash: string;
  synced_at: DefaultTimestamp;
  deleted_at: Timestamp | null;
}

/** sql/012: the mirror tables whose records carry no updated_at of DrChrono's. */
interface FetchOrderedColumns {
  /** When the request that fetched the stored state started (our clock); null for rows stored before sql/012. */
  fetched_at: Timestamp | null;
}

export interface PatientsTable extends MirrorColumns {
  drchrono_id: string;
  chart_id: string | null;
  doctor_drchrono_id: string | null;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: DateString | null;
  gender: string | null;
  email: string | null;
  cell_phone: string | null;
  home_phone: string | null;
  address: Json | null;
  patient_status: string | null;
  default_pharmacy: string | null;
  source_updated_at: Timestamp | null;
}

export interface AppointmentsTable extends MirrorColumns {
  drchrono_id: string;
  patient_drchrono_id: string | null;
  doctor_drchrono_id: string | null;
  office_drchrono_id: string | null;
  scheduled_time: Timestamp | null;
  duration: number | null;
  status: string | null;
  reason: string | null;
  icd10_codes: Json<string[]>;
  source_updated_at: Timestamp | null;
}

export interface ClinicalNotesTable extends MirrorColumns {
  drchrono_id: string;
  patient_drchrono_id: string | null;
  appointment_drchrono_id: string | null;
  note_date: DateString | null;
  locked: Generated<boolean>;
  pdf: string | null;
  sections: Json<unknown[]>;
  source_updated_at: Timestamp | null;
}

export interface MedicationsTable extends MirrorColumns, FetchOrderedColumns {
  drchrono_id: string;
  patient_drchrono_id: string;
  doctor_drchrono_id: string | null;
  appointment_drchrono_id: string | null;
  name: string | null;
  rxnorm: string | null;
  ndc: string | null;
  dosage_quantity: string | null;
  dosage_units: string | null;
  frequency: string | null;
  route: string | null;
  status: string | null;
  date_prescribed: DateString | null;
  date_stopped_taking: DateString | null;
  number_refills: number | null;
  dispense_quantity: Numeric | null;
  daw: boolean | null;
  prn: boolean | null;
}

export interface ProblemsTable extends MirrorColumns, FetchOrderedColumns {
  drchrono_id: string;
  patient_drchrono_id: string;
  name: string | null;
  icd_code: string | null;
  icd_version: string | null;
  snomed_ct_code: string | null;
  status: string | null;
  date_onset: DateString | null;
  date_diagnosis: DateString | null;
}

export interface AllergiesTable extends MirrorColumns, FetchOrderedColumns {
  drchrono_id: string;
  patient_drchrono_id: string;
  description: string | null;
  reaction: string | null;
  snomed_code: string | null;
  rxnorm: string | null;
  status: string | null;
}

export interface InsurancesTable extends MirrorColumns {
  patient_drchrono_id: string;
  slot: 'primary' | 'secondary' | 'tertiary';
  payer_name: string | null;
  payer_id: string | null;
  plan_name: string | null;
  member_id: string | null;
  group_number: string | null;
}

export interface LineItemsTable extends MirrorColumns {
  drchrono_id: string;
  appointment_drchrono_id: string | null;
  patient_drchrono_id: string | null;
  code: string | null;
  procedure_type: string | null;
  units: Numeric | null;
  price: Numeric | null;
  billed: Numeric | null;
  paid_total: Numeric | null;
  balance_total: Numeric | null;
  posted_date: DateString | null;
  service_date: DateString | null;
  source_updated_at: Timestamp | null;
}

export interface DeepcuraNotesTable {
  id: Generated<string>;
  sync_event_id: string;
  practice_id: string | null;
  drchrono_appointment_id: string | null;
  drchrono_patient_id: string | null;
  drchrono_doctor_id: string | null;
  session_date: DateString | null;
  transcript: string | null;
  soap_subjective: string | null;
  soap_objective: string | null;
  soap_assessment: string | null;
  soap_plan: string | null;
  icd10_codes: Json<unknown[]>;
  cpt_codes: Json<unknown[]>;
  medication_mentions: Json<unknown[]>;
  billing_summary: Json | null;
  risk_assessment: Json | null;
  /** sha256 hex of the decrypted gridhook plaintext, unique (sql/011); null for notes stored before it. */
  plaintext_sha256: string | null;
  clinical_note_id: string | null;
  link_method: 'appointment' | 'patient_date' | null;
  linked_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ChangeLogTable {
  id: Generated<string>;
  table_name: string;
  operation: 'insert' | 'update' | 'delete';
  row_id: string;
  drchrono_id: string | null;
  actor: string;
  changed_at: DefaultTimestamp;
  changed_columns: ColumnType<string[], string[] | undefined, string[]>;
  prev_hash: string;
  hash: string;
}

export interface PracticeSyncCursorsTable {
  practice_id: string;
  stream: string;
  cursor_value: Timestamp | null;
  window_since: Timestamp | null;
  window_full: Generated<boolean>;
  window_next_url: string | null;
  window_max: Timestamp | null;
  window_started_at: Timestamp | null;
  /** The full pass an open full window belongs to. */
  window_pass: Timestamp | null;
  /** The last full pass this stream completed. */
  full_pass_done: Timestamp | null;
  updated_at: DefaultTimestamp;
}

export interface PracticeSyncLeasesTable {
  practice_id: string;
  run_id: string;
  holder: string;
  acquired_at: Timestamp;
  expires_at: Timestamp;
}

/** sql/007: patients whose per-patient records (meds, problems, allergies, insurance) are still to be fetched. */
export interface PracticePendingPatientsTable {
  practice_id: string;
  patient_drchrono_id: string;
  reason: 'sync' | 'webhook';
  queued_at: DefaultTimestamp;
  /** Re-queues while queued: a run unqueues only the version it listed. */
  touches: Generated<number>;
}
