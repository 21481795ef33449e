-- Webhook secrets a gateway signs with, generated once per install when configuration
-- names none: every payment node of the install reads the same row.
CREATE TABLE gateway_secrets (
  gateway    text        PRIMARY KEY,
  secret     text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
