-- The rest of a product's rating summary, filled from the review domain's rating-changed
-- events together with rating_average and rating_count. rating_revision is the summary's
-- revision in the review domain: an older summary never overwrites a newer one.
ALTER TABLE products
  ADD COLUMN rating_distribution jsonb  NOT NULL DEFAULT '{"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}',
  ADD COLUMN rating_revision     bigint NOT NULL DEFAULT 0;
