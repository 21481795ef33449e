-- API keys: long-lived credentials an account makes for its integrations. Only the
-- SHA-256 of the key is kept, with a short prefix of it to recognise the key by; the
-- scopes are those of the route table (domain:read, domain:write).
CREATE TABLE api_keys (
  id           uuid        PRIMARY KEY,
  account_id   uuid        NOT NULL REFERENCES accounts (id),
  name         text        NOT NULL,
  prefix       text        NOT NULL,
  key_hash     bytea       NOT NULL UNIQUE,
  scopes       text[]      NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_account ON api_keys (account_id, created_at DESC);
