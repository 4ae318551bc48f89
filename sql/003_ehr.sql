-- Clinic side: DrChrono practices, the EHR mirror, Deep Cura notes.
-- Mirror rows are keyed by DrChrono's id (unique per table: ids are global in
-- DrChrono), keep the object as `raw`, and are soft-deleted (deleted_at) so a
-- delete is itself a change that audits and events can see.

create table practices (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name text not null check (length(name) between 1 and 200),
  enabled boolean not null default true,
  base_url text not null,
  -- Secret store names: OAuth tokens of this practice, and the API
  -- application's client credentials (one application serves many practices).
  token_secret_ref text not null,
  client_secret_ref text not null,
  requests_per_hour integer not null default 500 check (requests_per_hour > 0),
  status text not null default 'active' check (status in ('active', 'needs_reauth', 'disabled', 'error')),
  access_token_expires_at timestamptz,
  last_success_at timestamptz,
  last_full_sync_at timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Webhooks carry no practice: route a delivery by the doctor or office in its object.
create table practice_routes (
  kind text not null check (kind in ('doctor', 'office')),
  drchrono_id bigint not null,
  practice_id text not null references practices (id) on delete cascade,
  primary key (kind, drchrono_id)
);

-- A fixed-window request budget (DrChrono resets on the hour), shared by all instances.
create table hourly_budgets (
  budget_key text primary key,
  window_start timestamptz not null,
  used integer not null default 0
);

create table patients (
  id bigint generated always as identity primary key,
  drchrono_id bigint not null unique,
  practice_id text not null references practices (id) on delete cascade,
  chart_id text,
  doctor_drchrono_id bigint,
  first_name text,
  last_name text,
  date_of_birth date,
  gender text,
  email text,
  cell_phone text,
  home_phone text,
  address jsonb,
  patient_status text,
  default_pharmacy text,
  source_updated_at timestamptz,
  raw jsonb not null,
  content_hash text not null,
  synced_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index patients_practice on patients (practice_id);

create table appointments (
  id bigint generated always as identity primary key,
  drchrono_id text not null unique,
  practice_id text not null references practices (id) on delete cascade,
  patient_drchrono_id bigint,
  doctor_drchrono_id bigint,
  office_drchrono_id bigint,
  scheduled_time timestamptz,
  duration integer,
  status text,
  reason text,
  icd10_codes jsonb not null default '[]',
  source_updated_at timestamptz,
  raw jsonb not null,
  content_hash text not null,
  synced_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index appointments_patient on appointments (patient_drchrono_id);

create table clinical_notes (
  id bigint generated always as identity primary key,
  drchrono_id bigint not null unique,
  practice_id text not null references practices (id) on delete cascade,
  patient_drchrono_id bigint,
  appointment_drchrono_id text,
  -- The visit date (from the appointment when known): Deep Cura notes link by patient and date.
  note_date date,
  locked boolean not null default false,
  pdf text,
  sections jsonb not null default '[]',
  source_updated_at timestamptz,
  raw jsonb not null,
  content_hash text not null,
  synced_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index clinical_notes_appointment on clinical_notes (appointment_drchrono_id);
create index clinical_notes_patient_date on clinical_notes (patient_drchrono_id, note_date);

create table medications (
  id bigint generated always as identity primary key,
  drchrono_id bigint not null unique,
  practice_id text not null references practices (id) on delete cascade,
  patient_drchrono_id bigint not null,
  doctor_drchrono_id bigint,
  appointment_drchrono_id text,
  name text,
  rxnorm text,
  ndc text,
  dosage_quantity text,
  dosage_units text,
  frequency text,
  route text,
  status text,
  date_prescribed date,
  date_stopped_taking date,
  number_refills integer,
  dispense_quantity numeric,
  daw boolean,
  prn boolean,
  raw jsonb not null,
  content_hash text not null,
  synced_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index medications_patient on medications (patient_drchrono_id);

create table problems (
  id bigint generated always as identity primary key,
  drchrono_id bigint not null unique,
  practice_id text not null references practices (id) on delete cascade,
  patient_drchrono_id bigint not null,
  name text,
  icd_code text,
  icd_version text,
  snomed_ct_code text,
  status text,
  date_onset date,
  date_diagnosis date,
  raw jsonb not null,
  content_hash text not null,
  synced_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index problems_patient on problems (patient_drchrono_id);

create table allergies (
  id bigint generated always as identity primary key,
  drchrono_id bigint not null unique,
  practice_id text not null references practices (id) on delete cascade,
  patient_drchrono_id bigint not null,
  description text,
  reaction text,
  snomed_code text,
  rxnorm text,
  status text,
  raw jsonb not null,
  content_hash text not null,
  synced_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index allergies_patient on allergies (patient_drchrono_id);

-- Insurance exists only inside verbose patient reads: one row per patient and slot.
create table insurances (
  id bigint generated always as identity primary key,
  practice_id text not null references practices (id) on delete cascade,
  patient_drchrono_id bigint not null,
  slot text not null check (slot in ('primary', 'secondary', 'tertiary')),
  payer_name text,
  payer_id text,
  plan_name text,
  member_id text,
  group_number text,
  raw jsonb not null,
  content_hash text not null,
  synced_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (patient_drchrono_id, slot)
);

create table line_items (
  id bigint generated always as identity primary key,
  drchrono_id bigint not null unique,
  practice_id text not null references practices (id) on delete cascade,
  appointment_drchrono_id text,
  patient_drchrono_id bigint,
  code text,
  procedure_type text,
  units numeric,
  price numeric,
  billed numeric,
  paid_total numeric,
  balance_total numeric,
  posted_date date,
  service_date date,
  source_updated_at timestamptz,
  raw jsonb not null,
  content_hash text not null,
  synced_at timestamptz not null default now(),
  deleted_at timestamptz
);

create table deepcura_notes (
  id bigint generated always as identity primary key,
  sync_event_id uuid not null unique references sync_events (id),
  practice_id text references practices (id) on delete set null,
  drchrono_appointment_id text,
  drchrono_patient_id bigint,
  drchrono_doctor_id bigint,
  session_date date,
  transcript text,
  soap_subjective text,
  soap_objective text,
  soap_assessment text,
  soap_plan text,
  icd10_codes jsonb not null default '[]',
  cpt_codes jsonb not null default '[]',
  medication_mentions jsonb not null default '[]',
  billing_summary jsonb,
  risk_assessment jsonb,
  clinical_note_id bigint references clinical_notes (id),
  link_method text check (link_method in ('appointment', 'patient_date')),
  linked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index deepcura_notes_unlinked on deepcura_notes (created_at) where clinical_note_id is null;
create index deepcura_notes_appointment on deepcura_notes (drchrono_appointment_id) where clinical_note_id is null;
create index deepcura_notes_patient_date on deepcura_notes (drchrono_patient_id, session_date) where clinical_note_id is null;

-- Audit of every change to the EHR mirror (filled by triggers in a later
-- migration); each row carries the hash of the one before it.
create table change_log (
  id bigint generated always as identity primary key,
  table_name text not null,
  operation text not null check (operation in ('insert', 'update', 'delete')),
  row_id bigint not null,
  drchrono_id text,
  actor text not null,
  changed_at timestamptz not null default now(),
  changed_columns text[] not null default '{}',
  prev_hash text not null,
  hash text not null
);

-- The DrChrono and Deep Cura sources and the retry kind join the existing checks.
alter table integration_logs drop constraint integration_logs_kind_check;
alter table integration_logs add constraint integration_logs_kind_check
  check (kind in ('scheduled', 'manual', 'webhook', 'retry', 'maintenance'));
alter table integration_logs add column practice_id text references practices (id) on delete set null;
create index integration_logs_practice on integration_logs (practice_id, started_at);
alter table sync_events add column practice_id text references practices (id) on delete cascade;
alter table sync_events add column locked_until timestamptz;
alter table sync_events drop constraint sync_events_status_check;
alter table sync_events add constraint sync_events_status_check
  check (status in ('received', 'processing', 'applied', 'failed', 'dead', 'ignored', 'unroutable'));
create index sync_events_received on sync_events (received_at);

-- Per-practice reconciliation state: a cursor per stream (DrChrono `since`)
-- plus the `next` URL of the page being walked, so a killed run resumes.
create table practice_sync_cursors (
  practice_id text not null references practices (id) on delete cascade,
  stream text not null,
  cursor_value timestamptz,
  window_since timestamptz,
  window_full boolean not null default false,
  window_next_url text,
  window_max timestamptz,
  window_started_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (practice_id, stream)
);

create table practice_sync_leases (
  practice_id text primary key references practices (id) on delete cascade,
  run_id uuid not null,
  holder text not null,
  acquired_at timestamptz not null,
  expires_at timestamptz not null
);
