-- Reviews of a product or of a selling company (exactly one target). Title and text are
-- stored exactly as the customer sent them; every renderer escapes them.
CREATE TABLE reviews (
  id                uuid        PRIMARY KEY,
  author_id         uuid        NOT NULL,
  product_id        uuid,
  company_id        uuid,
  rating            smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title             text        NOT NULL,
  body              text        NOT NULL,
  verified_purchase boolean     NOT NULL,
  status            text        NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'hidden')),
  moderated_by      uuid,
  moderated_at      timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((product_id IS NULL) <> (company_id IS NULL))
);
-- One review per product (or company) per customer: the second insert is a 409.
CREATE UNIQUE INDEX reviews_one_per_product ON reviews (author_id, product_id) WHERE product_id IS NOT NULL;
CREATE UNIQUE INDEX reviews_one_per_company ON reviews (author_id, company_id) WHERE company_id IS NOT NULL;
-- The listings: newest first, per product, per company, per author, and all.
CREATE INDEX reviews_product_newest ON reviews (product_id, created_at DESC, id DESC) WHERE product_id IS NOT NULL;
CREATE INDEX reviews_company_newest ON reviews (company_id, created_at DESC, id DESC) WHERE company_id IS NOT NULL;
CREATE INDEX reviews_author_newest ON reviews (author_id, created_at DESC, id DESC);
CREATE INDEX reviews_newest ON reviews (created_at DESC, id DESC);

-- The rating summary of each reviewed product or company, over its published reviews.
-- Every change to a target's reviews locks this row first and recomputes it from the
-- reviews in the same transaction, so concurrent changes serialise per target and the
-- summary is never counted up or down (a retried or redelivered change cannot skew it).
-- revision grows with every change of the figures; readers keep the highest one they saw.
CREATE TABLE rating_summaries (
  target     text        NOT NULL CHECK (target IN ('product', 'company')),
  target_id  uuid        NOT NULL,
  count      integer     NOT NULL DEFAULT 0,
  sum        integer     NOT NULL DEFAULT 0,
  c1         integer     NOT NULL DEFAULT 0,
  c2         integer     NOT NULL DEFAULT 0,
  c3         integer     NOT NULL DEFAULT 0,
  c4         integer     NOT NULL DEFAULT 0,
  c5         integer     NOT NULL DEFAULT 0,
  revision   bigint      NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (target, target_id)
);
