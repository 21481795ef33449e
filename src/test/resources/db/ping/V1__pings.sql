CREATE TABLE pings (
  id      bigserial PRIMARY KEY,
  subject text NOT NULL,
  n       int  NOT NULL
);
