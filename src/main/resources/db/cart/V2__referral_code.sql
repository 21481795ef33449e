-- The last affiliate referral code a cart was given (POST /cart/add with referralCode) and
-- when: the order domain reads it through get-cart, within cart.referralWindowHours.
ALTER TABLE carts ADD COLUMN referral_code text, ADD COLUMN referral_at timestamptz;
ALTER TABLE carts ADD CONSTRAINT carts_referral_both CHECK ((referral_code IS NULL) = (referral_at IS NULL));
