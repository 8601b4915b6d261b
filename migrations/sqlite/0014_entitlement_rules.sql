-- A member's entitlement rules: people with a given source, title,
-- administration or school need an access a competence group grants (a
-- fulfilment task when they join or move in) and removes (when they move
-- out or leave).
CREATE TABLE entitlement_rules (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    name TEXT NOT NULL,
    source TEXT,
    title TEXT,
    administration TEXT,
    school TEXT,
    grant_task TEXT NOT NULL,
    removal_task TEXT NOT NULL,
    group_id BLOB NOT NULL REFERENCES competence_groups(id),
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id)
);
