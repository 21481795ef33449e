-- The notification domain: what an account subscribed to, its in-app inbox, the audit of
-- every channel a notification went to, and the durable queue of webhook deliveries.
-- account_id is the auth domain's account id (no cross-schema foreign key).

-- One row per (account, topic, channel, subject). subject '' means the whole topic; a
-- non-empty subject narrows it to one aggregate (a product id for back-in-stock).
CREATE TABLE subscriptions (
  id          uuid        PRIMARY KEY,
  account_id  uuid        NOT NULL,
  topic       text        NOT NULL CHECK (topic IN ('order-updates', 'promotions', 'back-in-stock', 'price-drop', 'account')),
  channel     text        NOT NULL CHECK (channel IN ('in-app', 'email', 'webhook', 'sms', 'push')),
  subject     text        NOT NULL DEFAULT '',
  url         text,                      -- webhook: the endpoint
  secret      text,                      -- webhook: whsec_<base64>, the HMAC key; never logged, shown once
  email       text,                      -- email: the address to mail
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT subscriptions_once UNIQUE (account_id, topic, channel, subject),
  CONSTRAINT subscriptions_webhook_target CHECK (channel <> 'webhook' OR (url IS NOT NULL AND secret IS NOT NULL)),
  CONSTRAINT subscriptions_email_target CHECK (channel <> 'email' OR email IS NOT NULL)
);

-- The in-app inbox. Ids are UUID v7, so id order is creation order: the list pages by id.
CREATE TABLE notifications (
  id          uuid        PRIMARY KEY,
  account_id  uuid        NOT NULL,
  topic       text        NOT NULL,
  subject     text,
  title       text        NOT NULL,
  body        text        NOT NULL,
  data        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz
);
CREATE INDEX notifications_by_account ON notifications (account_id, id DESC);
CREATE INDEX notifications_unread ON notifications (account_id, id DESC) WHERE read_at IS NULL;

-- Every channel besides in-app that a notification was routed to, and what happened there
-- (email: requested from the email domain; webhook: queued; sms/push: skipped, no provider).
CREATE TABLE channel_attempts (
  notification_id uuid        NOT NULL,
  account_id      uuid        NOT NULL,
  channel         text        NOT NULL,
  target          text        NOT NULL DEFAULT '',
  status          text        NOT NULL CHECK (status IN ('requested', 'queued', 'skipped')),
  detail          text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notification_id, channel, target)
);
CREATE INDEX channel_attempts_by_account ON channel_attempts (account_id);

-- Durable webhook deliveries, sent by a worker on every node running this domain: due rows
-- are claimed with FOR UPDATE SKIP LOCKED and a lease, retried with backoff, and end
-- 'delivered' or 'failed'. The id is the webhook-id header (the same on every retry) and
-- payload the exact bytes signed and sent.
CREATE TABLE webhook_deliveries (
  id              uuid        PRIMARY KEY,
  notification_id uuid        NOT NULL,
  subscription_id uuid        NOT NULL,
  account_id      uuid        NOT NULL,
  payload         text        NOT NULL,
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  last_status     int,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_account ON webhook_deliveries (account_id);
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at) WHERE status <> 'pending';
