-- Items a background path set aside because they fail on their own (a data error, a value
-- that cannot be decoded, a permanent refusal), so the items after them go on. One table
-- for every path of the domain; `java -jar mercato.jar events dead` lists them with the dead
-- outbox deliveries. The item is kept as JSON text, not jsonb: jsonb refuses \u0000, which
-- is often the very fault.
CREATE TABLE set_aside (
  id      bigserial   PRIMARY KEY,
  kind    text        NOT NULL,
  item_id text        NOT NULL,
  error   text        NOT NULL,
  item    text,
  at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX set_aside_recent ON set_aside (kind, at DESC);
