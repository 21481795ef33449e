-- A payment's transactions are often written in one statement's transaction (authorization
-- then capture), so they share created_at; ordering them by a random id gave a history of
-- "capture, authorization" about half the time. seq is the order rows were written in.
ALTER TABLE payment_transactions ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX payment_transactions_payment;
CREATE INDEX payment_transactions_payment ON payment_transactions (payment_id, seq);
