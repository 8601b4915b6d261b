-- What is about to end (an agreement, an API token) is told once: the
-- first node to insert the row for a subject tells, the others find it.
CREATE TABLE expiry_notices (
    subject TEXT PRIMARY KEY,
    at BIGINT NOT NULL
);
