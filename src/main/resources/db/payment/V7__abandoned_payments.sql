-- When Mercato first asked the gateway to capture the payment's authorisation. A payment the
-- customer abandons (another payment started, the order cancelled, or pending too long) is
-- given up only while this is null, in the same row lock that a capture sets it under: a
-- capture is never sent for a given-up payment, and a started one is never given up.
ALTER TABLE payments ADD COLUMN capture_started_at timestamptz;
-- The charge check is to give the pending payment up rather than only look it up (its order
-- was cancelled).
ALTER TABLE gateway_checks ADD COLUMN abandon boolean NOT NULL DEFAULT false;
