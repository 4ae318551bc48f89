-- Views an analyst can use at once over integration_logs.
-- Times are UTC; a "run" is one integration_logs row (a sync run or a webhook delivery).

-- Runs per day by source, kind, pharmacy and status.
create view analyst_runs_per_day as
select
  date_trunc('day', started_at)::date as day,
  source,
  kind,
  pharmacy_id,
  status,
  count(*) as runs,
  sum(fetched) as fetched,
  sum(created) as created,
  sum(updated) as updated,
  sum(unchanged) as unchanged,
  sum(invalid) as invalid,
  sum(failed) as failed
from integration_logs
group by 1, 2, 3, 4, 5;

-- Why runs failed or were partial: one row per (day, pharmacy, error code) with a sample message.
create view analyst_failure_reasons as
select
  date_trunc('day', started_at)::date as day,
  source,
  pharmacy_id,
  status,
  coalesce(error_code, 'unknown') as error_code,
  count(*) as runs,
  max(error) as sample_error,
  max(started_at) as last_seen_at
from integration_logs
where status in ('failed', 'partial')
group by 1, 2, 3, 4, 5;

-- p50/p95 duration of finished sync runs (webhook deliveries excluded) per day and pharmacy.
create view analyst_run_durations as
select
  date_trunc('day', started_at)::date as day,
  source,
  pharmacy_id,
  count(*) as runs,
  percentile_cont(0.5) within group (order by duration_ms) as p50_ms,
  percentile_cont(0.95) within group (order by duration_ms) as p95_ms,
  max(duration_ms) as max_ms
from integration_logs
where finished_at is not null and kind <> 'webhook'
group by 1, 2, 3;

-- Freshness: time since each pharmacy's last good (succeeded) sync and its latest run.
create view analyst_freshness as
select
  p.id as pharmacy_id,
  p.name,
  p.enabled,
  i.status as integration_status,
  good.last_good_sync_at,
  now() - good.last_good_sync_at as since_last_good_sync,
  latest.started_at as latest_run_at,
  latest.status as latest_run_status,
  latest.error_code as latest_error_code
from pharmacies p
left join pharmacy_integrations i on i.pharmacy_id = p.id and i.system = 'drx'
left join lateral (
  select max(finished_at) as last_good_sync_at
  from integration_logs l
  where l.pharmacy_id = p.id and l.status = 'succeeded' and l.kind <> 'webhook'
) good on true
left join lateral (
  select l.started_at, l.status, l.error_code
  from integration_logs l
  where l.pharmacy_id = p.id and l.kind <> 'webhook'
  order by l.started_at desc
  limit 1
) latest on true;
