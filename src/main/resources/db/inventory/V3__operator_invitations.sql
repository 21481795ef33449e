-- A warehouse's owner invites a warehouse account to operate it; the account operates it
-- (operator_account_id) only once it accepted. One pending invitation per warehouse; an
-- account may hold invitations from several owners and accepts at most one (the unique
-- operator_account_id keeps one warehouse per operator).
ALTER TABLE warehouses ADD COLUMN invited_operator_id uuid;
ALTER TABLE warehouses ADD COLUMN invited_at timestamptz;
ALTER TABLE warehouses ADD CONSTRAINT warehouses_invitation_dated CHECK ((invited_operator_id IS NULL) = (invited_at IS NULL));
CREATE INDEX warehouses_by_invited_operator ON warehouses (invited_operator_id) WHERE invited_operator_id IS NOT NULL;
