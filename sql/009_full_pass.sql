-- A full reconciliation ("full pass") can take several runs when the hourly
-- budget stops it. The pass is named by its start, kept on the practice until a
-- run finishes it; each stream records the pass its open full window belongs
-- to (window_pass) and the last pass it completed (full_pass_done), in the
-- transactions that open and close that window. A run continuing the pass
-- resumes the open windows of that pass and does not download again what a
-- stream already completed in it.
alter table practices add column full_pass_started_at timestamptz;
alter table practice_sync_cursors add column window_pass timestamptz;
alter table practice_sync_cursors add column full_pass_done timestamptz;
