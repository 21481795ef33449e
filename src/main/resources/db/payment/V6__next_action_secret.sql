-- The secret a customer's browser completes a pending payment's next action with (Stripe's
-- PaymentIntent client_secret, which Stripe.js needs for 3-D Secure). Shown to the payment's
-- owner only, and cleared once the payment leaves pending.
ALTER TABLE payments ADD COLUMN next_action_secret text;
