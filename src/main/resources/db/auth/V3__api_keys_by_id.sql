-- The key listing pages by id (UUIDv7, so creation order): newest first, after a cursor id.
-- The index follows, so a page is read from the index, however many keys the account revoked.
DROP INDEX api_keys_account;
CREATE INDEX api_keys_account ON api_keys (account_id, id DESC);
