-- Search's own read model of the catalog, fed by catalog, inventory and review events.
-- pg_trgm and unaccent are trusted extensions: the database owner creates them here, in this
-- schema, so they resolve through the search pool's search_path (which is this schema only).
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA search;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA search;

-- unaccent() is only STABLE (its dictionary could change); with the dictionary named, the
-- folding is fixed, so this wrapper may be IMMUTABLE and serve in indexes. Lower case too.
CREATE FUNCTION search.fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(search.unaccent('search.unaccent'::regdictionary, $1)) $$;

-- The weighted document: name (A), tags and category names (B), description (C), all folded.
-- array_to_string is only STABLE in general; over text[] it cannot change, so IMMUTABLE holds.
CREATE FUNCTION search.document(name text, tags text[], category_names text[], description text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('simple', search.fold(coalesce(name, ''))), 'A')
            || setweight(to_tsvector('simple', search.fold(array_to_string(tags, ' ') || ' '
                                                           || array_to_string(category_names, ' '))), 'B')
            || setweight(to_tsvector('simple', search.fold(coalesce(description, ''))), 'C') $$;

-- One row per catalog product ever seen. The catalog's version orders the writes: a higher
-- version wins, and on a tie a tombstone wins, so a late redelivery of an older update cannot
-- bring a deleted product back. Only active, non-deleted rows are found.
-- available and the rating are copied here from stock and ratings (which may arrive first).
CREATE TABLE products (
  product_id      uuid        PRIMARY KEY,
  seller_id       uuid        NOT NULL,
  name            text        NOT NULL,
  name_folded     text        NOT NULL GENERATED ALWAYS AS (search.fold(name)) STORED,
  description     text,
  tags            text[]      NOT NULL DEFAULT '{}',
  category_id     uuid,
  category_path   uuid[]      NOT NULL DEFAULT '{}',
  category_names  text[]      NOT NULL DEFAULT '{}',
  price_amount    bigint      NOT NULL,
  price_currency  char(3)     NOT NULL,
  status          text        NOT NULL,
  deleted         boolean     NOT NULL DEFAULT false,
  version         integer     NOT NULL,
  created_at      timestamptz NOT NULL,
  available       bigint      NOT NULL DEFAULT 0,
  rating_average  numeric(3, 2) NOT NULL DEFAULT 0,
  rating_count    integer     NOT NULL DEFAULT 0,
  document        tsvector    NOT NULL GENERATED ALWAYS AS (search.document(name, tags, category_names, description)) STORED,
  rebuild_id      uuid,                                  -- the last rebuild that wrote the row
  indexed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_document ON products USING gin (document) WHERE status = 'active' AND NOT deleted;
CREATE INDEX products_name_trgm ON products USING gin (name_folded gin_trgm_ops) WHERE status = 'active' AND NOT deleted;
CREATE INDEX products_name_prefix ON products (name_folded text_pattern_ops) WHERE status = 'active' AND NOT deleted;
CREATE INDEX products_category_path ON products USING gin (category_path) WHERE status = 'active' AND NOT deleted;
CREATE INDEX products_price ON products (price_amount, product_id) WHERE status = 'active' AND NOT deleted;
CREATE INDEX products_newest ON products (created_at DESC, product_id DESC) WHERE status = 'active' AND NOT deleted;
CREATE INDEX products_rating ON products (rating_average DESC, product_id DESC) WHERE status = 'active' AND NOT deleted;

-- Labels for the category facet: every category named in a product's trail or a category event.
CREATE TABLE categories (
  category_id uuid PRIMARY KEY,
  name        text NOT NULL
);

-- Per-warehouse availability; products.available is their sum. changed_at orders redeliveries.
CREATE TABLE stock (
  product_id   uuid        NOT NULL,
  warehouse_id uuid        NOT NULL,
  available    bigint      NOT NULL,
  changed_at   timestamptz NOT NULL,
  PRIMARY KEY (product_id, warehouse_id)
);

-- The review domain's latest figures per product (copied into products when it is indexed).
CREATE TABLE ratings (
  product_id uuid         PRIMARY KEY,
  average    numeric(3, 2) NOT NULL,
  count      integer      NOT NULL,
  changed_at timestamptz  NOT NULL
);

-- Every logged search (written in batches, never on a search's critical path).
CREATE TABLE search_log (
  id           uuid        PRIMARY KEY,
  query        text        NOT NULL,
  query_folded text        NOT NULL,
  account_id   text,
  principal_type text,
  result_count integer     NOT NULL,
  latency_ms   integer     NOT NULL,
  fuzzy        boolean     NOT NULL DEFAULT false,
  at           timestamptz NOT NULL
);
CREATE INDEX search_log_recent ON search_log (at DESC, id DESC);
CREATE INDEX search_log_zero ON search_log (at DESC, id DESC) WHERE result_count = 0;

-- Per distinct (folded) query: how often, how often with nothing found, and the last result
-- count. Popular queries that found something feed suggestions; zero-result ones go to merchandisers.
CREATE TABLE query_stats (
  query_folded      text        PRIMARY KEY,
  query             text        NOT NULL,
  searches          bigint      NOT NULL DEFAULT 0,
  zero_results      bigint      NOT NULL DEFAULT 0,
  last_result_count integer     NOT NULL DEFAULT 0,
  last_seen         timestamptz NOT NULL,
  last_zero_at      timestamptz
);
CREATE INDEX query_stats_prefix ON query_stats (query_folded text_pattern_ops) WHERE last_result_count > 0;
CREATE INDEX query_stats_zero ON query_stats (zero_results DESC) WHERE zero_results > 0;

-- Rebuild requests (the `search rebuild` command inserts one); a search verticle claims and runs it.
CREATE TABLE rebuilds (
  id           uuid        PRIMARY KEY,
  status       text        NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'running', 'done', 'failed')),
  requested_at timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  heartbeat_at timestamptz,
  finished_at  timestamptz,
  products     integer     NOT NULL DEFAULT 0,
  error        text
);
CREATE INDEX rebuilds_pending ON rebuilds (requested_at) WHERE status IN ('requested', 'running');
