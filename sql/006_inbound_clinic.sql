-- Inbound clinic deliveries (DrChrono webhooks, Deep Cura gridhooks).
-- DrChrono's signature header has two readings (the secret token itself, or a
-- hex HMAC-SHA256 of the body); we accept both and record which one matched
-- until a real account settles it. A delivery without X-drchrono-delivery is
-- keyed by the sha256 of its body instead, and we record that too.
alter table sync_events add column signature_form text
  check (signature_form in ('secret_token', 'hmac_sha256'));
alter table sync_events add column idempotency_source text
  check (idempotency_source in ('delivery_id', 'body_sha256'));

-- Review queue of deliveries nobody could route to a practice.
create index sync_events_unroutable on sync_events (received_at) where status = 'unroutable';
