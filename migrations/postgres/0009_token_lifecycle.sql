-- API tokens that can be shut off: a name their owner knows them by, when
-- each was last used, and an optional expiry (NULL: until revoked).
-- Revoking deletes the row.
ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
CREATE INDEX api_tokens_account ON api_tokens(account_id);
CREATE INDEX sessions_account ON sessions(account_id);
