-- The dead deliveries per subscriber, counted for the metrics every few seconds: a small
-- partial index, so the count never walks the delivered rows kept for replay.
CREATE INDEX outbox_delivery_dead ON outbox_delivery (subscriber) WHERE status = 'dead';
