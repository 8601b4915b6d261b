-- Login attempts are reserved, not recorded afterwards: one row per throttled
-- key holds how many attempts its current window has taken. A login first
-- reserves a slot with one INSERT ... ON CONFLICT DO UPDATE ... RETURNING,
-- and the password is checked only when the database handed out a slot, so
-- the limit holds under any concurrency and across server nodes.
DROP TABLE login_failures;

-- The key is a keyed hash (HMAC-SHA-256 under the server secret
-- `login_throttle`) of the normalised username, never the typed text, so a
-- row has the same small size whatever was typed. Rows whose window has
-- passed are deleted by the sweep.
CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,
    -- When the window of this key began (microseconds).
    window_start BIGINT NOT NULL,
    -- Attempts reserved in the window (in flight or failed).
    attempts BIGINT NOT NULL,
    -- The last reservation (microseconds).
    last_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_window ON login_throttle(window_start);

-- Random keys the server generates once and every node shares.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
