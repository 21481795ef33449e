-- Visits that arrived on a storefront link carrying a programme's referral code, counted
-- per programme and UTC day (one row per day, incremented in place: no row per click).
CREATE TABLE referral_clicks (
  affiliate_id uuid   NOT NULL REFERENCES affiliates (affiliate_id),
  day          date   NOT NULL,
  clicks       bigint NOT NULL CHECK (clicks > 0),
  PRIMARY KEY (affiliate_id, day)
);
