-- Webhook endpoints: an account's integration receives the domain events of the types it
-- names, signed like notification webhooks and sent by the same worker from the same queue.
CREATE TABLE webhook_endpoints (
  id             uuid        PRIMARY KEY,
  account_id     uuid        NOT NULL,
  url            text        NOT NULL,
  secret         text        NOT NULL,                 -- whsec_<base64>; never logged, shown once
  description    text,
  event_types    text[]      NOT NULL,                 -- exact types, mercato.<domain>.* or *
  filter         jsonb       NOT NULL DEFAULT '{}',    -- {field: value} an event's data must hold
  owner_field    text,                                 -- a non-admin owner: the data field naming it
  status         text        NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  disabled_at    timestamptz,
  disabled_reason text,
  failed_in_row  int         NOT NULL DEFAULT 0,       -- deliveries failed for good since the last success
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_by_account ON webhook_endpoints (account_id);
CREATE INDEX webhook_endpoints_enabled ON webhook_endpoints (id) WHERE status = 'enabled';

-- A delivery is a notification's (notification_id, subscription_id) or an event's
-- (endpoint_id, event_id, event_type); one event reaches one endpoint once.
ALTER TABLE webhook_deliveries
  ALTER COLUMN notification_id DROP NOT NULL,
  ALTER COLUMN subscription_id DROP NOT NULL,
  ADD COLUMN endpoint_id   uuid REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  ADD COLUMN event_id      uuid,
  ADD COLUMN event_type    text,
  ADD COLUMN attempt_limit int,                        -- set by a replay: attempts allowed in all
  ADD CONSTRAINT webhook_deliveries_one_source
    CHECK ((notification_id IS NULL) <> (endpoint_id IS NULL));
CREATE UNIQUE INDEX webhook_deliveries_event_once ON webhook_deliveries (endpoint_id, event_id)
  WHERE endpoint_id IS NOT NULL;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id DESC)
  WHERE endpoint_id IS NOT NULL;

-- Every attempt of every delivery: when, how long, where to, and what came back.
CREATE TABLE webhook_attempts (
  delivery_id uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt     int         NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  duration_ms int         NOT NULL,
  origin      text,                                    -- scheme://host:port reached, null if refused
  status      int,                                     -- the HTTP status, null when none came
  error       text,
  PRIMARY KEY (delivery_id, attempt)
);
