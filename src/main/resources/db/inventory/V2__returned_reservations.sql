-- A committed reservation whose order was cancelled after payment gives its units back on
-- hand and is then 'returned'.
ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check
  CHECK (status IN ('active', 'released', 'committed', 'expired', 'returned'));

ALTER TABLE movements DROP CONSTRAINT movements_reason_check;
ALTER TABLE movements ADD CONSTRAINT movements_reason_check
  CHECK (reason IN ('set', 'adjust', 'receive', 'reserve', 'release', 'commit', 'expire', 'sync', 'return'));
