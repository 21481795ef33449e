-- Every order or activity event added to the same few rollup rows (one per day and
-- currency, per day and type), so the inbox transactions queued on those row locks. Each
-- row is now split into shards: an event adds to the shard its id picks, and reads sum
-- over the shards (they already sum over days). Existing rows become shard 0.
ALTER TABLE sales_daily ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE sales_daily DROP CONSTRAINT sales_daily_pkey, ADD PRIMARY KEY (day, currency, shard);

ALTER TABLE seller_sales_daily ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE seller_sales_daily DROP CONSTRAINT seller_sales_daily_pkey,
  ADD PRIMARY KEY (day, seller_id, currency, shard);

ALTER TABLE product_sales_daily ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE product_sales_daily DROP CONSTRAINT product_sales_daily_pkey,
  ADD PRIMARY KEY (day, product_id, seller_id, currency, shard);

ALTER TABLE activity_daily ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE activity_daily DROP CONSTRAINT activity_daily_pkey, ADD PRIMARY KEY (day, type, shard);

ALTER TABLE product_cart_daily ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE product_cart_daily DROP CONSTRAINT product_cart_daily_pkey, ADD PRIMARY KEY (day, product_id, shard);
