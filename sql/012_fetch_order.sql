-- DrChrono gives medications, problems and allergies no updated_at, so unlike
-- patients, appointments, clinical notes and line items (source_updated_at)
-- nothing kept an older copy from replacing a newer one. A webhook re-fetch
-- whose answer arrived and then sat (a slow instance, a GC pause, a retry)
-- could commit after a later re-fetch, or after a reconciliation's list of the
-- patient, and put the old state back until the patient changed again.
--
-- fetched_at is when the request that fetched the stored state started, on our
-- clock, taken before sending. A read that starts after another's answer
-- arrived sees at least as new a state, so a write (or a delete by a list read)
-- whose fetch started before the stored row's is refused
-- (shared/ehr-store/fetch-order.ts). Rows stored before this migration have no
-- fetched_at and accept any write. No default: adding the columns rewrites
-- nothing.
alter table medications add column fetched_at timestamptz;
alter table problems add column fetched_at timestamptz;
alter table allergies add column fetched_at timestamptz;

-- ehr_audit_change() of sql/004, unchanged except that fetched_at, like
-- synced_at, is bookkeeping: a re-fetch that finds the same content advances
-- it (so a copy fetched in between cannot pass for newer) without a change_log
-- row or a change event, and a change never lists it among its columns.
create or replace function ehr_audit_change() returns trigger language plpgsql as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_op text := lower(tg_op);
  v_columns text[];
  v_actor text := coalesce(nullif(current_setting('app.actor', true), ''), 'unknown');
  v_at timestamptz := clock_timestamp();
  v_prev text;
begin
  -- Columns whose value differs (a missing side counts as all-null), by name;
  -- synced_at or fetched_at alone changing is bookkeeping, not a change.
  select coalesce(array_agg(k order by k), '{}') into v_columns
  from jsonb_object_keys(coalesce(v_old, '{}') || coalesce(v_new, '{}')) as k
  where k not in ('synced_at', 'fetched_at')
    and coalesce(v_old -> k, 'null') is distinct from coalesce(v_new -> k, 'null');
  if tg_op = 'UPDATE' and cardinality(v_columns) = 0 then
    return null;
  end if;
  -- A soft delete is an update that sets deleted_at: audit and announce it as a delete.
  if tg_op = 'UPDATE' and v_old ->> 'deleted_at' is null and v_new ->> 'deleted_at' is not null then
    v_op := 'delete';
  end if;

  -- Serialise the chain (see sql/004): 727100004 is that migration's lock.
  perform pg_advisory_xact_lock(727100004);
  select hash into v_prev from change_log order by id desc limit 1;
  v_prev := coalesce(v_prev, repeat('0', 64));

  insert into change_log (table_name, operation, row_id, drchrono_id, actor, changed_at, changed_columns, prev_hash, hash)
  values (
    tg_table_name, v_op, (v_row ->> 'id')::bigint, v_row ->> 'drchrono_id', v_actor, v_at, v_columns, v_prev,
    change_log_hash(v_prev, tg_table_name, v_op, (v_row ->> 'id')::bigint, v_row ->> 'drchrono_id', v_actor, v_at, v_columns)
  );

  -- Ids only: the event tells subscribers what to re-read, never carries PHI.
  insert into outbox (topic, pharmacy_id, payload)
  values ('change-events', null, jsonb_build_object(
    'type', 'ehr.change',
    'table', tg_table_name,
    'operation', v_op,
    'id', v_row ->> 'id',
    'drchronoId', v_row ->> 'drchrono_id',
    'practiceId', v_row ->> 'practice_id',
    'at', to_char(v_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  ));
  return null;
end
$$;
