CREATE TABLE received (
  seq      bigserial PRIMARY KEY,
  event_id uuid NOT NULL,
  subject  text NOT NULL,
  n        int  NOT NULL
);
