-- Templates: one row per name and locale. Mercato's shipped defaults are written at start
-- (edited = false) and refreshed when a new release changes them; once an admin saves a
-- template (edited = true) start-up never touches it again.
CREATE TABLE template (
  name       text        NOT NULL,
  locale     text        NOT NULL,
  subject    text        NOT NULL,
  html       text,
  text       text,
  edited     boolean     NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, locale),
  CHECK (html IS NOT NULL OR text IS NOT NULL)
);

-- Every mail, committed before any delivery attempt (the queue and the log in one).
-- queued -> sent | retrying -> ... -> sent | failed. A sender claims a due row by setting
-- locked_until (a lease) with FOR UPDATE SKIP LOCKED, so several nodes never send the
-- same row at once and a node that dies mid-send leaves the row to the next claim.
-- Bodies are dropped once the mail is sent: they may carry single-use tokens.
CREATE TABLE email (
  id              uuid        PRIMARY KEY,
  recipients      text[]      NOT NULL CHECK (cardinality(recipients) > 0),
  subject         text        NOT NULL,
  html            text,
  text            text,
  template        text,
  locale          text,
  status          text        NOT NULL DEFAULT 'queued'
                              CHECK (status IN ('queued', 'retrying', 'sent', 'failed')),
  attempts        int         NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  -- The event this mail answers (belt and braces with the inbox: one mail per event).
  source_event_id uuid        UNIQUE,
  -- "<caller>:<Idempotency-Key>" and a hash of the request it came with.
  idempotency_key text        UNIQUE,
  request_hash    text,
  request_id      text,
  message_id      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX email_due ON email (next_attempt_at) WHERE status IN ('queued', 'retrying');
CREATE INDEX email_newest ON email (created_at DESC, id DESC);
CREATE INDEX email_status_newest ON email (status, created_at DESC, id DESC);
