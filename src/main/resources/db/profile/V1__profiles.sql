-- One profile per account; which fields apply depends on the principal type.
CREATE TABLE profiles (
  account_id   uuid        PRIMARY KEY,
  type         text        NOT NULL,
  first_name   text,
  last_name    text,
  phone        text,
  addresses    jsonb       NOT NULL DEFAULT '[]',  -- customer: shipping/billing addresses
  legal_name   text,                               -- company, shop
  vat_id       text,
  address      jsonb,                              -- company, shop: registered address
  website      text,
  location     jsonb,                              -- warehouse: where it is
  capacity     integer CHECK (capacity IS NULL OR capacity >= 0),
  payout       jsonb,                              -- affiliate: where commissions are paid
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  erased_at    timestamptz
);
