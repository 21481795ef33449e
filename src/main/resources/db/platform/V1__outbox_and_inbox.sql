-- Applied to every domain schema (search_path is the schema), with its own history table.

-- Events a domain wrote in the same transaction as its change; kept for replay until
-- every delivery is done and the retention has passed.
CREATE TABLE outbox (
  seq     bigserial PRIMARY KEY,
  id      uuid        NOT NULL UNIQUE,
  type    text        NOT NULL,
  source  text        NOT NULL,
  subject text        NOT NULL,
  time    timestamptz NOT NULL,
  data    jsonb       NOT NULL
);

-- One row per event per subscriber: the relay's work list. A delivery is pending until
-- the subscriber acknowledged it; after too many failed replies it is dead (kept for an
-- operator to inspect and replay). Per subscriber and subject, only the oldest pending
-- delivery is ever claimed, which keeps per-aggregate order.
CREATE TABLE outbox_delivery (
  seq             bigint      NOT NULL REFERENCES outbox (seq) ON DELETE CASCADE,
  subscriber      text        NOT NULL,
  subject         text        NOT NULL,
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts        int         NOT NULL DEFAULT 0,
  failures        int         NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  last_error      text,
  delivered_at    timestamptz,
  PRIMARY KEY (seq, subscriber)
);
CREATE INDEX outbox_delivery_due ON outbox_delivery (seq) WHERE status = 'pending';
CREATE INDEX outbox_delivery_head ON outbox_delivery (subscriber, subject, seq) WHERE status = 'pending';

-- Event ids this domain has already handled as a subscriber, written in the same
-- transaction as the effect, so a redelivery changes nothing.
CREATE TABLE inbox (
  event_id    uuid        PRIMARY KEY,
  type        text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Wakes the relays (on every node) when new deliveries commit; the payload is the schema.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mercato_outbox', TG_TABLE_SCHEMA);
  RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_delivery_notify AFTER INSERT ON outbox_delivery
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
