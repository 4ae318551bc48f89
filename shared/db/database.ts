/** Kysely table types: the one typed description of sql/ migrations (pharmacy side here, clinic side in ehr-tables.ts). */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, DefaultTimestamp, Json, DateString, Numeric } from './column-types.js';
import type * as Ehr from './ehr-tables.js';

export type * from './ehr-tables.js';

export type IntegrationSystem = 'drx';
export type IntegrationStatus = 'active' | 'invalid_key' | 'disabled' | 'error';
export type RunSource = 'drx' | 'drchrono' | 'deepcura';
export type RunKind = 'scheduled' | 'manual' | 'webhook' | 'retry' | 'maintenance';
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed';
export type SyncEventStatus = 'received' | 'processing' | 'applied' | 'failed' | 'dead' | 'ignored' | 'unroutable';
/** DrChrono's signature header: the secret token itself, or lowercase hex HMAC-SHA256 of the raw body. */
export type SignatureForm = 'secret_token' | 'hmac_sha256';
export type IdempotencySource = 'delivery_id' | 'body_sha256';

export interface PharmaciesTable {
  id: string;
  name: string;
  enabled: Generated<boolean>;
  sync_interval_minutes: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PharmacyIntegrationsTable {
  pharmacy_id: string;
  system: IntegrationSystem;
  base_url: string;
  status: Generated<IntegrationStatus>;
  secret_ref: string;
  key_last4: string | null;
  webhook_secret_ref: string | null;
  webhooks_registered_at: Timestamp | null;
  requests_per_second: ColumnType<number, number | undefined, number>;
  last_heartbeat_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_full_sync_at: Timestamp | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SyncCursorsTable {
  pharmacy_id: string;
  system: string;
  stream: string;
  cursor_value: Timestamp | null;
  window_after: Timestamp | null;
  window_full: Generated<boolean>;
  window_offset: number | null;
  window_max: Timestamp | null;
  window_started_at: Timestamp | null;
  updated_at: DefaultTimestamp;
}

export interface SyncLeasesTable {
  pharmacy_id: string;
  system: string;
  run_id: string;
  holder: string;
  acquired_at: Timestamp;
  expires_at: Timestamp;
}

export interface RequestBudgetsTable {
  budget_key: string;
  next_slot_at: DefaultTimestamp;
}

export interface PrescribersTable {
  id: Generated<string>;
  npi: string;
  first_name: string | null;
  last_name: string | null;
  dea: string | null;
  prescriber_type: string | null;
  email: string | null;
  state_license: string | null;
  phone_numbers: Json<string[]>;
  addresses: Json<unknown[]>;
  content_hash: Generated<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PharmacyPrescribersTable {
  pharmacy_id: string;
  external_id: string;
  prescriber_id: string;
  first_seen_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
}

export interface PrescriptionsTable {
  id: Generated<string>;
  pharmacy_id: string;
  external_id: string;
  prescriber_id: string | null;
  prescriber_npi: string | null;
  doctor_external_id: string | null;
  patient_external_id: string | null;
  item_external_id: string | null;
  ndc: string | null;
  drug_name: string | null;
  written_date: DateString | null;
  expiration_date: DateString | null;
  inactivated: Generated<boolean>;
  daw: number | null;
  refills: number | null;
  total_qty_remaining: Numeric | null;
  last_filled_on: DateString | null;
  last_fill_status: string | null;
  activity_at: Timestamp | null;
  source_created_at: Timestamp | null;
  source_updated_at: Timestamp | null;
  raw: Json;
  content_hash: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PrescriptionFillsTable {
  id: Generated<string>;
  pharmacy_id: string;
  external_id: string;
  prescription_external_id: string;
  status: string;
  fill_date: Timestamp | null;
  days_supply: number | null;
  dispensed_quantity: Numeric | null;
  ndc: string | null;
  drug_name: string | null;
  source_updated_at: Timestamp | null;
  raw: Json;
  content_hash: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PrescriberMetricsTable {
  pharmacy_id: string;
  prescriber_id: string;
  rx_count: number;
  last_rx_date: DateString | null;
  updated_at: DefaultTimestamp;
}

export interface InvalidRecordsTable {
  id: Generated<string>;
  source: RunSource;
  pharmacy_id: string | null;
  /** sql/007: set for DrChrono records (pharmacy_id is then null). */
  practice_id: ColumnType<string | null, string | null | undefined, string | null>;
  stream: string;
  external_id: string;
  reason: string;
  run_id: string | null;
  occurrences: Generated<number>;
  first_seen_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
}

export interface IntegrationLogsTable {
  id: string;
  correlation_id: string;
  source: RunSource;
  kind: RunKind;
  pharmacy_id: string | null;
  practice_id: ColumnType<string | null, string | null | undefined, string | null>;
  stream: string | null;
  full_sync: Generated<boolean>;
  status: RunStatus;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  duration_ms: number | null;
  fetched: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  invalid: Generated<number>;
  failed: Generated<number>;
  counts: Json<Record<string, unknown>>;
  error_code: string | null;
  error: string | null;
  details: Json<Record<string, unknown>>;
}

export interface SyncEventsTable {
  id: string;
  direction: 'inbound' | 'outbound';
  source: string;
  kind: string;
  pharmacy_id: string | null;
  practice_id: ColumnType<string | null, string | null | undefined, string | null>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Which accepted DrChrono signature form matched (sql/006). */
  signature_form: ColumnType<SignatureForm | null, SignatureForm | null | undefined, SignatureForm | null>;
  /** Where the idempotency key came from (sql/006): the delivery id header, or the body's sha256. */
  idempotency_source: ColumnType<IdempotencySource | null, IdempotencySource | null | undefined, IdempotencySource | null>;
  idempotency_key: string;
  correlation_id: string;
  payload: Json | null;
  raw_body: string | null;
  status: SyncEventStatus;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  received_at: DefaultTimestamp;
  processed_at: Timestamp | null;
}

export interface EventFailuresTable {
  id: Generated<string>;
  sync_event_id: string;
  attempt: number;
  error_code: string;
  error: string;
  failed_at: DefaultTimestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  topic: string;
  pharmacy_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: DefaultTimestamp;
  published_at: Timestamp | null;
}

export interface Database {
  practice_pending_patients: Ehr.PracticePendingPatientsTable;
  practices: Ehr.PracticesTable;
  practice_routes: Ehr.PracticeRoutesTable;
  hourly_budgets: Ehr.HourlyBudgetsTable;
  patients: Ehr.PatientsTable;
  appointments: Ehr.AppointmentsTable;
  clinical_notes: Ehr.ClinicalNotesTable;
  medications: Ehr.MedicationsTable;
  problems: Ehr.ProblemsTable;
  allergies: Ehr.AllergiesTable;
  insurances: Ehr.InsurancesTable;
  line_items: Ehr.LineItemsTable;
  deepcura_notes: Ehr.DeepcuraNotesTable;
  change_log: Ehr.ChangeLogTable;
  practice_sync_cursors: Ehr.PracticeSyncCursorsTable;
  practice_sync_leases: Ehr.PracticeSyncLeasesTable;
  pharmacies: PharmaciesTable;
  pharmacy_integrations: PharmacyIntegrationsTable;
  sync_cursors: SyncCursorsTable;
  sync_leases: SyncLeasesTable;
  request_budgets: RequestBudgetsTable;
  prescribers: PrescribersTable;
  pharmacy_prescribers: PharmacyPrescribersTable;
  prescriptions: PrescriptionsTable;
  prescription_fills: PrescriptionFillsTable;
  prescriber_metrics: PrescriberMetricsTable;
  invalid_records: InvalidRecordsTable;
  integration_logs: IntegrationLogsTable;
  sync_events: SyncEventsTable;
  event_failures: EventFailuresTable;
  outbox: OutboxTable;
}
