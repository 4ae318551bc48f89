-- A gridhook is stored once per request body (sync_events' idempotency key),
-- but Deep Cura may send a note again encrypted under a fresh random IV: a new
-- body around the same plaintext. Each note now keeps the sha256 (hex) of the
-- plaintext it was decrypted from, and the index is unique, so such a resend
-- settles as a duplicate of the first note instead of becoming a second one.
-- Two resends processed at the same moment meet at this index (the insert
-- says ON CONFLICT DO NOTHING), so neither a read-then-write race nor a retry
-- can make two notes of one plaintext.
--
-- Notes stored before this migration keep null: their plaintext was never
-- kept, only the ciphertext, and that may already be cleared by retention. A
-- unique index lets any number of nulls stand, so such a note is simply not
-- recognised in a resend.
alter table deepcura_notes add column plaintext_sha256 text
  check (plaintext_sha256 ~ '^[0-9a-f]{64}$');
create unique index deepcura_notes_plaintext_sha256 on deepcura_notes (plaintext_sha256);
