-- A payment whose gateway call timed out or got a 5xx or malformed answer may or may not
-- have been charged: it is 'unknown' (and live, so the order cannot be paid a second time)
-- until the gateway says what happened.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
  CHECK (status IN ('processing', 'pending', 'unknown', 'captured', 'failed'));
DROP INDEX payments_one_live_per_order;
CREATE UNIQUE INDEX payments_one_live_per_order ON payments (order_id)
  WHERE status IN ('processing', 'pending', 'unknown', 'captured');

-- The client's payment method token (a gateway's reference such as pm_card_visa, never card
-- data): a create whose outcome is unknown is repeated with exactly the same parameters.
ALTER TABLE payments ADD COLUMN payment_method text;
-- Where the customer completes an authentication the gateway asked for (3-D Secure).
ALTER TABLE payments ADD COLUMN next_action_url text;
-- Refunds sent to the gateway whose outcome is not known yet; already counted in refunded,
-- so no refund can go over the capture meanwhile.
ALTER TABLE payments ADD COLUMN refund_unknown bigint NOT NULL DEFAULT 0 CHECK (refund_unknown >= 0);
ALTER TABLE payments ADD CONSTRAINT payments_refund_unknown_within_refunded CHECK (refund_unknown <= refunded);

-- What Mercato waits on a gateway for: a charge whose outcome is unknown or pending, a refund
-- whose outcome is unknown. The reconciler claims due rows (SKIP LOCKED, so every payment
-- node may run it), asks the gateway, settles the payment or refund, and deletes the row or
-- schedules the next look with backoff.
CREATE TABLE gateway_checks (
  id            uuid        PRIMARY KEY,  -- the payment id for a charge, the refund id for a refund
  payment_id    uuid        NOT NULL REFERENCES payments (id),
  step          text        NOT NULL CHECK (step IN ('charge', 'refund')),
  amount        bigint      NOT NULL CHECK (amount > 0),
  group_id      uuid,
  reason        text,
  attempts      integer     NOT NULL DEFAULT 0,
  next_check_at timestamptz NOT NULL DEFAULT now(),
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gateway_checks_due ON gateway_checks (next_check_at);
CREATE INDEX gateway_checks_payment ON gateway_checks (payment_id);
