-- DrChrono reconciliation state beyond 003: invalid records per practice, and
-- the patients whose medications, problems, allergies and insurance still have
-- to be fetched (queued in the same transaction that stored the patient, so a
-- run stopped by the hourly budget leaves the rest for the next run).

alter table invalid_records add column practice_id text references practices (id) on delete cascade;
create unique index invalid_records_practice_key
  on invalid_records (source, practice_id, stream, external_id) where practice_id is not null;

create table practice_pending_patients (
  practice_id text not null references practices (id) on delete cascade,
  patient_drchrono_id bigint not null,
  -- 'sync' (created or updated by a run) or 'webhook' (named by a delivery).
  reason text not null check (reason in ('sync', 'webhook')),
  queued_at timestamptz not null default now(),
  primary key (practice_id, patient_drchrono_id)
);
