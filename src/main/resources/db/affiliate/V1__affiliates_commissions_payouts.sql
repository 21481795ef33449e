-- An affiliate's programme: one live programme per affiliate account, a referral code that
-- links carry as ?ref=CODE (unique case-insensitively, for ever: a deleted programme's
-- code never attributes to anyone else), and the commission rate in basis points, which
-- only admins set. Deleting is soft: the code stops attributing, the history stays.
CREATE TABLE affiliates (
  affiliate_id   uuid PRIMARY KEY,
  account_id     uuid        NOT NULL,
  name           text        NOT NULL,
  email          text,
  website        text,
  payout_details jsonb,
  referral_code  text        NOT NULL,
  rate_bps       integer     NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
  status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  deleted_at     timestamptz
);
CREATE UNIQUE INDEX affiliates_one_per_account ON affiliates (account_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX affiliates_code ON affiliates (lower(referral_code));
CREATE UNIQUE INDEX affiliates_email ON affiliates (lower(email)) WHERE email IS NOT NULL AND deleted_at IS NULL;

-- Money owed to an affiliate. kind 'order': recorded when a referred order is paid (one per
-- order), rate and order total copied; 'manual': recorded by an admin, idempotent by its
-- external reference (request_hash tells a replay from a different body); 'clawback': a
-- negative amount, when a refund reduces a commission that was already paid out.
-- amount is what the row counts for now; effective is what an order commission is worth
-- after refunds (equal to amount until the commission is paid).
-- pending -> approved (after affiliate.returnWindowDays from earned_at) -> paid (payout).
CREATE TABLE commissions (
  commission_id      uuid PRIMARY KEY,
  affiliate_id       uuid        NOT NULL REFERENCES affiliates (affiliate_id),
  kind               text        NOT NULL CHECK (kind IN ('order', 'manual', 'clawback')),
  order_id           uuid,
  parent_id          uuid REFERENCES commissions (commission_id),
  currency           char(3)     NOT NULL,
  order_total        bigint,
  rate_bps           integer,
  original_amount    bigint      NOT NULL,
  effective          bigint      NOT NULL,
  amount             bigint      NOT NULL,
  status             text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'paid')),
  external_reference text,
  request_hash       text,
  note               text,
  recorded_by        uuid,
  payout_id          uuid,
  earned_at          timestamptz NOT NULL,
  approved_at        timestamptz,
  paid_at            timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX commissions_one_per_order ON commissions (order_id) WHERE kind = 'order';
CREATE UNIQUE INDEX commissions_external_reference ON commissions (external_reference);
CREATE INDEX commissions_by_affiliate ON commissions (affiliate_id, commission_id);
CREATE INDEX commissions_due ON commissions (earned_at) WHERE status = 'pending';

-- Every change a refund made to a commission (the proportional clawback), for audit.
CREATE TABLE commission_adjustments (
  adjustment_id  uuid PRIMARY KEY,
  commission_id  uuid        NOT NULL REFERENCES commissions (commission_id),
  refund_id      uuid,
  before_amount  bigint      NOT NULL,
  after_amount   bigint      NOT NULL,
  refunded_total bigint      NOT NULL,
  order_total    bigint      NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commission_adjustments_of ON commission_adjustments (commission_id);

-- A payout an admin recorded: the approved commissions of one affiliate and currency up to
-- a date, marked paid together.
CREATE TABLE payouts (
  payout_id        uuid PRIMARY KEY,
  affiliate_id     uuid        NOT NULL REFERENCES affiliates (affiliate_id),
  currency         char(3)     NOT NULL,
  amount           bigint      NOT NULL CHECK (amount > 0),
  commission_count integer     NOT NULL,
  through          date        NOT NULL,
  reference        text,
  paid_by          uuid,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payouts_by_affiliate ON payouts (affiliate_id, created_at);
