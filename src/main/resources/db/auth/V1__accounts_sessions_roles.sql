-- Accounts of every principal type; the email is unique case-insensitively.
CREATE TABLE accounts (
  id                uuid        PRIMARY KEY,
  email             text        NOT NULL,
  email_lower       text        NOT NULL UNIQUE,
  username          text,
  name              text,
  type              text        NOT NULL CHECK (type IN ('customer', 'company', 'shop', 'warehouse', 'affiliate', 'admin')),
  password_hash     text,
  active            boolean     NOT NULL DEFAULT true,
  email_verified_at timestamptz,
  warehouse_id      uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz,
  CHECK (warehouse_id IS NULL OR type = 'warehouse')
);

-- Roles name sets of permissions; accounts hold roles (the token carries role names,
-- the edge maps them to permissions).
CREATE TABLE roles (
  name        text        PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{1,62}$'),
  description text        NOT NULL DEFAULT '',
  permissions text[]      NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE account_roles (
  account_id uuid NOT NULL REFERENCES accounts (id),
  role       text NOT NULL REFERENCES roles (name) ON DELETE CASCADE,
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, role)
);

-- A session is one refresh-token family: every rotation stays in it, and reusing a
-- rotated token revokes it whole.
CREATE TABLE sessions (
  id             uuid        PRIMARY KEY,
  account_id     uuid        NOT NULL REFERENCES accounts (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  revoked_reason text
);
CREATE INDEX sessions_account ON sessions (account_id) WHERE revoked_at IS NULL;

-- Refresh tokens are stored as SHA-256 hashes, with the access token issued alongside
-- (so revoking the session can deny it until it expires).
CREATE TABLE refresh_tokens (
  token_hash bytea       PRIMARY KEY,
  session_id uuid        NOT NULL REFERENCES sessions (id),
  status     text        NOT NULL CHECK (status IN ('active', 'rotated', 'revoked')),
  expires_at timestamptz NOT NULL,
  access_jti uuid        NOT NULL,
  access_exp timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Single-use tokens sent by mail (email verification, password reset), stored hashed.
CREATE TABLE one_time_tokens (
  token_hash bytea       PRIMARY KEY,
  account_id uuid        NOT NULL REFERENCES accounts (id),
  purpose    text        NOT NULL CHECK (purpose IN ('verify-email', 'password-reset')),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX one_time_tokens_account ON one_time_tokens (account_id, purpose);

INSERT INTO roles (name, description, permissions) VALUES
  ('support', 'Customer support: reads profiles and the email log',
   ARRAY['profile:read', 'email:read', 'notification:send']),
  ('merchandiser', 'Curates the catalogue: categories, tags, search insights',
   ARRAY['catalog:categories', 'catalog:tags', 'search:logs']),
  ('finance', 'Refunds, commissions and sales figures',
   ARRAY['payment:refund', 'affiliate:commission', 'analytics:read']);
