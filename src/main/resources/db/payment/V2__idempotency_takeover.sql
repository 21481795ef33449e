-- A claimed key remembers the ids its work creates and how long the claim is held, so a
-- repeat can take over the claim of a process that died before storing an answer.
ALTER TABLE idempotency_keys ADD COLUMN ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE idempotency_keys ADD COLUMN claimed_until timestamptz NOT NULL DEFAULT now();
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
