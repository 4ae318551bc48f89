-- Audit and change events for the EHR mirror: one generic trigger on every
-- mirror table (and deepcura_notes) appends a hash-chained row to change_log
-- and a 'change-events' row to the outbox, in the writer's own transaction, so
-- a change, its audit record and its event commit or roll back together.
--
-- Who: the writer sets `app.actor` transaction-locally (shared/ehr-store/with-actor.ts);
-- a writer that does not is recorded as 'unknown'.

-- The chain link, also recomputed (independently, in TypeScript) by
-- shared/audit/verify-change-log.ts; both must agree byte for byte:
--   sha256(prev_hash|table|op|row_id|drchrono_id or ''|actor|changed_at|cols)
-- changed_at is rendered in UTC with microseconds; the column list is joined
-- with ',' (spelled out because `text || text[]` would append to the array).
create function change_log_hash(
  p_prev text, p_table text, p_op text, p_row_id bigint, p_drchrono_id text,
  p_actor text, p_changed_at timestamptz, p_columns text[]
) returns text language sql stable as $$
  select encode(sha256(convert_to(
    p_prev || '|' || p_table || '|' || p_op || '|' || p_row_id::text || '|' || coalesce(p_drchrono_id, '') || '|'
      || p_actor || '|' || to_char(p_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|'
      || array_to_string(p_columns, ','),
    'utf8')), 'hex')
$$;

create function ehr_audit_change() returns trigger language plpgsql as $$
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
  -- synced_at alone changing is bookkeeping, not a change.
  select coalesce(array_agg(k order by k), '{}') into v_columns
  from jsonb_object_keys(coalesce(v_old, '{}') || coalesce(v_new, '{}')) as k
  where k <> 'synced_at'
    and coalesce(v_old -> k, 'null') is distinct from coalesce(v_new -> k, 'null');
  if tg_op = 'UPDATE' and cardinality(v_columns) = 0 then
    return null;
  end if;
  -- A soft delete is an update that sets deleted_at: audit and announce it as a delete.
  if tg_op = 'UPDATE' and v_old ->> 'deleted_at' is null and v_new ->> 'deleted_at' is not null then
    v_op := 'delete';
  end if;

  -- Serialise the chain: without the lock two transactions read the same last
  -- hash and both link to it, forking the chain. The lock is held until the
  -- writer commits, so the next writer (READ COMMITTED: a fresh snapshot per
  -- statement) sees the committed row before it reads. Writers in REPEATABLE
  -- READ or SERIALIZABLE would read a stale snapshot; the EHR writers do not
  -- use them. Any fixed number; 727100004 is this migration's.
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

create trigger patients_audit after insert or update or delete on patients
  for each row execute function ehr_audit_change();
create trigger appointments_audit after insert or update or delete on appointments
  for each row execute function ehr_audit_change();
create trigger clinical_notes_audit after insert or update or delete on clinical_notes
  for each row execute function ehr_audit_change();
create trigger medications_audit after insert or update or delete on medications
  for each row execute function ehr_audit_change();
create trigger problems_audit after insert or update or delete on problems
  for each row execute function ehr_audit_change();
create trigger allergies_audit after insert or update or delete on allergies
  for each row execute function ehr_audit_change();
create trigger insurances_audit after insert or update or delete on insurances
  for each row execute function ehr_audit_change();
create trigger line_items_audit after insert or update or delete on line_items
  for each row execute function ehr_audit_change();
create trigger deepcura_notes_audit after insert or update or delete on deepcura_notes
  for each row execute function ehr_audit_change();

-- Retention (shared/maintenance/cleanup.ts) scans old published outbox rows.
create index outbox_published on outbox (published_at) where published_at is not null;
