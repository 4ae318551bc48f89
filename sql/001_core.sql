-- Core schema: pharmacies, their DRX integrations, the pharmacy-side data,
-- sync bookkeeping, inbound deliveries, the outbox and integration logs.
-- Natural keys carry the idempotency: prescribers by npi, pharmacy records by
-- (pharmacy_id, external_id).

create table pharmacies (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name text not null check (length(name) between 1 and 200),
  enabled boolean not null default true,
  sync_interval_minutes integer not null default 15 check (sync_interval_minutes between 1 and 1440),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per pharmacy and external system. Secrets live in the secret
-- store; this table holds only their names and a masked hint.
create table pharmacy_integrations (
  pharmacy_id text not null references pharmacies (id) on delete cascade,
  system text not null check (system in ('drx')),
  base_url text not null,
  status text not null default 'active' check (status in ('active', 'invalid_key', 'disabled', 'error')),
  secret_ref text not null,
  key_last4 text check (key_last4 is null or length(key_last4) <= 4),
  webhook_secret_ref text,
  webhooks_registered_at timestamptz,
  requests_per_second numeric(8, 3) not null default 1 check (requests_per_second >= 0),
  last_heartbeat_at timestamptz,
  last_success_at timestamptz,
  last_full_sync_at timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (pharmacy_id, system)
);

-- A stream's committed high-water mark (cursor_value) plus the window being
-- paged right now, so a killed run resumes where its last committed page ended.
create table sync_cursors (
  pharmacy_id text not null references pharmacies (id) on delete cascade,
  system text not null,
  stream text not null,
  cursor_value timestamptz,
  window_after timestamptz,
  window_full boolean not null default false,
  window_offset integer,
  window_max timestamptz,
  window_started_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (pharmacy_id, system, stream)
);

-- One sync per pharmacy across all instances: a lease that expires if its
-- holder dies without releasing it.
create table sync_leases (
  pharmacy_id text not null references pharmacies (id) on delete cascade,
  system text not null,
  run_id uuid not null,
  holder text not null,
  acquired_at timestamptz not null,
  expires_at timestamptz not null,
  primary key (pharmacy_id, system)
);

-- Request budget shared by every caller of one external key: each request
-- reserves the next free slot; the database clock is the one clock.
create table request_budgets (
  budget_key text primary key,
  next_slot_at timestamptz not null default now()
);

create table prescribers (
  id bigint generated always as identity primary key,
  npi text not null unique check (npi ~ '^[0-9]{10}$'),
  first_name text,
  last_name text,
  dea text,
  prescriber_type text,
  email text,
  state_license text,
  phone_numbers jsonb not null default '[]',
  addresses jsonb not null default '[]',
  content_hash text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table pharmacy_prescribers (
  pharmacy_id text not null references pharmacies (id) on delete cascade,
  external_id text not null,
  prescriber_id bigint not null references prescribers (id),
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  primary key (pharmacy_id, external_id)
);
create index pharmacy_prescribers_prescriber on pharmacy_prescribers (prescriber_id);

-- Patient identity is DRX's patient id; names and SIG stay inside raw.
create table prescriptions (
  id bigint generated always as identity primary key,
  pharmacy_id text not null references pharmacies (id) on delete cascade,
  external_id text not null,
  prescriber_id bigint references prescribers (id),
  prescriber_npi text,
  doctor_external_id text,
  patient_external_id text,
  item_external_id text,
  ndc text,
  drug_name text,
  written_date date,
  expiration_date date,
  inactivated boolean not null default false,
  daw integer,
  refills integer,
  total_qty_remaining numeric,
  last_filled_on date,
  last_fill_status text,
  activity_at timestamptz,
  source_created_at timestamptz,
  source_updated_at timestamptz,
  raw jsonb not null,
  content_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (pharmacy_id, external_id)
);
create index prescriptions_prescriber on prescriptions (pharmacy_id, prescriber_id);

-- Fills join their prescription by DRX id, so a fill that arrives before its
-- prescription needs no later fix-up.
create table prescription_fills (
  id bigint generated always as identity primary key,
  pharmacy_id text not null references pharmacies (id) on delete cascade,
  external_id text not null,
  prescription_external_id text not null,
  status text not null,
  fill_date timestamptz,
  days_supply integer,
  dispensed_quantity numeric,
  ndc text,
  drug_name text,
  source_updated_at timestamptz,
  raw jsonb not null,
  content_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (pharmacy_id, external_id)
);
create index prescription_fills_prescription on prescription_fills (pharmacy_id, prescription_external_id);

create table prescriber_metrics (
  pharmacy_id text not null references pharmacies (id) on delete cascade,
  prescriber_id bigint not null references prescribers (id),
  rx_count integer not null,
  last_rx_date date,
  updated_at timestamptz not null default now(),
  primary key (pharmacy_id, prescriber_id)
);

-- Records that failed validation: their key and the reason, never their content.
create table invalid_records (
  id bigint generated always as identity primary key,
  source text not null,
  pharmacy_id text references pharmacies (id) on delete cascade,
  stream text not null,
  external_id text not null,
  reason text not null,
  run_id uuid,
  occurrences integer not null default 1,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  unique (source, pharmacy_id, stream, external_id)
);

-- One row per run or delivery, for analysts.
create table integration_logs (
  id uuid primary key,
  correlation_id text not null,
  source text not null check (source in ('drx', 'drchrono', 'deepcura')),
  kind text not null check (kind in ('scheduled', 'manual', 'webhook', 'retry')),
  pharmacy_id text references pharmacies (id) on delete set null,
  stream text,
  full_sync boolean not null default false,
  status text not null check (status in ('running', 'succeeded', 'partial', 'failed')),
  started_at timestamptz not null,
  finished_at timestamptz,
  duration_ms integer,
  fetched integer not null default 0,
  created integer not null default 0,
  updated integer not null default 0,
  unchanged integer not null default 0,
  invalid integer not null default 0,
  failed integer not null default 0,
  counts jsonb not null default '{}',
  error_code text,
  error text,
  details jsonb not null default '{}'
);
create index integration_logs_started on integration_logs (started_at);
create index integration_logs_pharmacy on integration_logs (pharmacy_id, started_at);

-- Inbound deliveries (webhooks) and outbound work, kept raw until applied.
create table sync_events (
  id uuid primary key,
  direction text not null check (direction in ('inbound', 'outbound')),
  source text not null,
  kind text not null,
  pharmacy_id text references pharmacies (id) on delete cascade,
  idempotency_key text not null,
  correlation_id text not null,
  payload jsonb,
  raw_body text,
  status text not null check (status in ('received', 'applied', 'failed', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  last_error text,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  unique (source, idempotency_key)
);
create index sync_events_due on sync_events (next_attempt_at) where status = 'failed';

create table event_failures (
  id bigint generated always as identity primary key,
  sync_event_id uuid not null references sync_events (id) on delete cascade,
  attempt integer not null,
  error_code text not null,
  error text not null,
  failed_at timestamptz not null default now()
);

-- Change events commit with the write that caused them, then get relayed
-- (Pub/Sub) and streamed (live updates) from here.
create table outbox (
  id bigint generated always as identity primary key,
  topic text not null,
  pharmacy_id text,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

create function outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('rxbridge_outbox', new.id::text);
  return new;
end;
$$;
create trigger outbox_notify after insert on outbox for each row execute function outbox_notify();
