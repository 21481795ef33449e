-- One attempt to pay one order. amount is what the order domain said; captured and refunded
-- are the money that moved. The sum of refunds never exceeds the capture (CHECK, and the
-- conditional UPDATE that refunds).
CREATE TABLE payments (
  id                uuid        PRIMARY KEY,
  order_id          uuid        NOT NULL,
  account_id        uuid        NOT NULL,
  gateway           text        NOT NULL,
  gateway_reference text        UNIQUE,
  status            text        NOT NULL CHECK (status IN ('processing', 'pending', 'captured', 'failed')),
  amount            bigint      NOT NULL CHECK (amount > 0),
  currency          text        NOT NULL,
  captured          bigint      NOT NULL DEFAULT 0 CHECK (captured >= 0),
  refunded          bigint      NOT NULL DEFAULT 0 CHECK (refunded >= 0),
  failure_reason    text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payments_refunded_within_captured CHECK (refunded <= captured)
);
-- At most one live attempt (processing, pending or captured) per order: one capture per order.
CREATE UNIQUE INDEX payments_one_live_per_order ON payments (order_id)
  WHERE status IN ('processing', 'pending', 'captured');
CREATE INDEX payments_account ON payments (account_id, id);
CREATE INDEX payments_order ON payments (order_id);

-- Every movement or attempt: authorization, capture, refund, failure.
CREATE TABLE payment_transactions (
  id                uuid        PRIMARY KEY,
  payment_id        uuid        NOT NULL REFERENCES payments (id),
  kind              text        NOT NULL CHECK (kind IN ('authorization', 'capture', 'refund', 'failure')),
  amount            bigint      NOT NULL CHECK (amount >= 0),
  currency          text        NOT NULL,
  gateway_reference text,
  group_id          uuid,
  reason            text,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_transactions_payment ON payment_transactions (payment_id, created_at);

-- Idempotency-Key per principal: claimed first, the answer stored once known.
CREATE TABLE idempotency_keys (
  principal    text        NOT NULL,
  key          text        NOT NULL,
  request_hash text        NOT NULL,
  status       integer,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);

-- Webhook ids already applied (recorded in the same transaction as their effect).
CREATE TABLE webhook_deliveries (
  webhook_id  text        PRIMARY KEY,
  gateway     text        NOT NULL,
  type        text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
