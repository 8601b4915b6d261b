-- Single sign-on (OpenID Connect). A login begun at a provider waits here
-- until the browser comes back with its state; the callback takes the row
-- in the statement that deletes it, so a state is used at most once.
CREATE TABLE sso_logins (
    -- SHA-256 of the state sent to the provider, hex.
    state_hash TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sso_logins_expires ON sso_logins(expires_at);

-- A session opened through a provider remembers which, and the ID token it
-- came with, so signing out can end the provider's session too.
ALTER TABLE sessions ADD COLUMN sso_provider TEXT;
ALTER TABLE sessions ADD COLUMN sso_id_token TEXT;
