-- The product's first image ({url, alt} as the catalog holds it), so result lists can show
-- a picture without asking the catalog for every hit. Rows indexed before this column get
-- theirs with the product's next change or a rebuild.
ALTER TABLE products ADD COLUMN image jsonb;
