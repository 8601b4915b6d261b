-- Login attempts are reserved, not recorded afterwards: one row per throttled
-- key holds how many attempts its current window has taken. A login first
-- reserves a slot with one INSERT ... ON CONFLICT DO UPDATE ... RETURNING,
-- and the password is checked only when the database handed out a slot, so
-- the limit holds under any concurrency and across server nodes.
DROP TABLE login_failures;

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
