-- Status changes written in one transaction share their timestamp; ordering them by a
-- random id could list "paid" before "pending_payment". seq is the order rows were written in.
ALTER TABLE order_history ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX order_history_order;
CREATE INDEX order_history_order ON order_history (order_id, seq);
