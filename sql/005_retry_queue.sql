-- The retry queue is sync_events itself. claimDue() looks for three kinds of
-- due work in one statement; each branch gets a small partial index so the
-- claim stays an index scan however many applied rows pile up:
--   failed and due · processing with an expired lease (a worker died) ·
--   received but never processed (the receiving instance died after storing).
create index sync_events_lease_expiry on sync_events (locked_until) where status = 'processing';
create index sync_events_unprocessed on sync_events (received_at) where status = 'received';
-- Dead letters are listed by source and age (admin endpoint and CLI).
create index sync_events_dead on sync_events (source, received_at) where status = 'dead';
