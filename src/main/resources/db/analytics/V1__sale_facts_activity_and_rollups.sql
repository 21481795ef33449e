-- Analytics keeps the facts of every event it handled (so every figure can be recomputed
-- from them) and daily rollups of those facts that the reports read. Rollups are updated in
-- the inbox transaction that records the event, and `mercato analytics rebuild` recomputes
-- them from the facts. Money is bigint minor units with its ISO 4217 currency.

-- One row per order event and level: the order itself (level 'order'), each seller's group
-- ('group') and each line ('line'). kind says which event: placed, paid, refund, cancelled.
-- Refund rows carry the refunded amount (positive), allocated to groups and lines.
CREATE TABLE sale_fact (
  event_id    uuid    NOT NULL,
  row_no      int     NOT NULL,
  kind        text    NOT NULL CHECK (kind IN ('placed', 'paid', 'refund', 'cancelled')),
  level       text    NOT NULL CHECK (level IN ('order', 'group', 'line')),
  order_id    text    NOT NULL,
  refund_id   text,
  group_id    text,
  seller_id   text,
  product_id  text,
  day         date    NOT NULL,
  currency    text    NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount      bigint  NOT NULL,
  units       bigint  NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, row_no)
);
-- An order is placed, paid and cancelled once and a refund happens once, whatever event id
-- carries it: a second event saying the same thing is recorded nowhere.
CREATE UNIQUE INDEX sale_fact_once_per_order ON sale_fact (order_id, kind)
  WHERE level = 'order' AND kind <> 'refund';
CREATE UNIQUE INDEX sale_fact_once_per_refund ON sale_fact (refund_id)
  WHERE level = 'order' AND kind = 'refund';
CREATE INDEX sale_fact_order ON sale_fact (order_id, kind);

-- Every event handled, for events by type and by day, active accounts and per-account activity.
CREATE TABLE activity_fact (
  event_id      uuid        PRIMARY KEY,
  type          text        NOT NULL,
  day           date        NOT NULL,
  occurred_at   timestamptz NOT NULL,
  account_id    text,
  product_id    text,
  quantity      bigint      NOT NULL DEFAULT 0,
  search_query  text,
  result_count  int
);
CREATE INDEX activity_fact_day ON activity_fact (day, type);
CREATE INDEX activity_fact_account ON activity_fact (account_id, day) WHERE account_id IS NOT NULL;

-- Which seller sells a product, as seen in order lines (a seller's funnel is over these).
CREATE TABLE product_seller (
  product_id  text NOT NULL,
  seller_id   text NOT NULL,
  PRIMARY KEY (product_id, seller_id)
);
CREATE INDEX product_seller_seller ON product_seller (seller_id);

-- Rollups: pure sums of the facts per day (UTC).
CREATE TABLE sales_daily (
  day            date   NOT NULL,
  currency       text   NOT NULL,
  placed_orders  bigint NOT NULL DEFAULT 0,
  placed_amount  bigint NOT NULL DEFAULT 0,
  orders         bigint NOT NULL DEFAULT 0,
  units          bigint NOT NULL DEFAULT 0,
  gross          bigint NOT NULL DEFAULT 0,
  refunds        bigint NOT NULL DEFAULT 0,
  cancelled      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, currency)
);

CREATE TABLE seller_sales_daily (
  day            date   NOT NULL,
  seller_id      text   NOT NULL,
  currency       text   NOT NULL,
  placed_orders  bigint NOT NULL DEFAULT 0,
  placed_amount  bigint NOT NULL DEFAULT 0,
  orders         bigint NOT NULL DEFAULT 0,
  units          bigint NOT NULL DEFAULT 0,
  gross          bigint NOT NULL DEFAULT 0,
  refunds        bigint NOT NULL DEFAULT 0,
  cancelled      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, seller_id, currency)
);
CREATE INDEX seller_sales_daily_seller ON seller_sales_daily (seller_id, day);

CREATE TABLE product_sales_daily (
  day            date   NOT NULL,
  product_id     text   NOT NULL,
  seller_id      text   NOT NULL,
  currency       text   NOT NULL,
  orders         bigint NOT NULL DEFAULT 0,
  units          bigint NOT NULL DEFAULT 0,
  gross          bigint NOT NULL DEFAULT 0,
  refunds        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, product_id, seller_id, currency)
);
CREATE INDEX product_sales_daily_seller ON product_sales_daily (seller_id, day);

CREATE TABLE activity_daily (
  day            date   NOT NULL,
  type           text   NOT NULL,
  events         bigint NOT NULL DEFAULT 0,
  quantity       bigint NOT NULL DEFAULT 0,
  zero_results   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, type)
);

CREATE TABLE product_cart_daily (
  day            date   NOT NULL,
  product_id     text   NOT NULL,
  adds           bigint NOT NULL DEFAULT 0,
  units          bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, product_id)
);
