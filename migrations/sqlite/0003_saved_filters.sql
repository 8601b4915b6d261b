-- Queue filters an agent saved under a name (the queue page's query).
CREATE TABLE saved_filters (
    id BLOB PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, name)
);
