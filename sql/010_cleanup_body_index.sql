-- maintenance-cleanup looks for old finished deliveries that still hold a raw
-- body or payload. Cleared rows stay (they are the idempotency records) and
-- pile up, so a scan by received_at alone read every delivery ever received,
-- cleared or not, on every batch of every run: on a large table that outgrows
-- the function's timeout. This index holds only the rows that still have a
-- body (the retention window's and the queue's), so each batch reads about
-- what it clears. Its predicate is the cleanup query's, word for word.
create index sync_events_with_body on sync_events (received_at)
  where raw_body is not null or payload is not null;
