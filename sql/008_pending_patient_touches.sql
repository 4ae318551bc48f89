-- Webhook deliveries now queue the patient they name in practice_pending_patients
-- in their own transaction, instead of a run scanning sync_events by
-- processed_at (the app clock at the start of the delivery's transaction, not
-- commit order: a delivery that committed late with an earlier processed_at
-- was skipped for good).
--
-- `touches` counts re-queues of a queued patient. A run remembers it when it
-- lists the queue and takes the patient off only if it is unchanged, so a
-- delivery that commits while the run is fetching that patient keeps it queued.
alter table practice_pending_patients add column touches integer not null default 0;

-- One last scan for the deploy: deliveries applied since each practice's scan
-- mark (with ten minutes of overlap for transactions that committed late, and
-- from the start for practices never scanned) are queued now; queueing twice
-- is harmless. The mark rows are not used any more.
insert into practice_pending_patients (practice_id, patient_drchrono_id, reason)
select distinct e.practice_id, p.id::bigint, 'webhook'
from sync_events e
left join practice_sync_cursors c on c.practice_id = e.practice_id and c.stream = 'webhook_patients'
cross join lateral (
  select coalesce(
    e.payload -> 'object' ->> 'patient',
    case when e.kind in ('PATIENT_CREATE', 'PATIENT_MODIFY') then e.payload -> 'object' ->> 'id' end
  ) as id
) p
where e.source = 'drchrono' and e.status = 'applied' and e.practice_id is not null
  and (c.cursor_value is null or e.processed_at > c.cursor_value - interval '10 minutes')
  and p.id ~ '^\d{1,18}$'
on conflict (practice_id, patient_drchrono_id) do nothing;

delete from practice_sync_cursors where stream = 'webhook_patients';
