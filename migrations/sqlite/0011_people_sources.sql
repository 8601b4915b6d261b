-- People from the members' source systems (HR and school): what the
-- source says about each person, the deliveries compared with the
-- register, and each person's history. A personnummer is kept sealed
-- (encrypted with the configured key) and matched by a keyed hash; it is
-- never stored in the clear.

ALTER TABLE people ADD COLUMN source TEXT;
ALTER TABLE people ADD COLUMN source_key TEXT;
ALTER TABLE people ADD COLUMN pnr_hash TEXT;
ALTER TABLE people ADD COLUMN pnr_sealed TEXT;
ALTER TABLE people ADD COLUMN pnr_masked TEXT;
ALTER TABLE people ADD COLUMN source_administration TEXT;
ALTER TABLE people ADD COLUMN workplace TEXT;
ALTER TABLE people ADD COLUMN title TEXT;
ALTER TABLE people ADD COLUMN manager_key TEXT;
ALTER TABLE people ADD COLUMN school TEXT;
ALTER TABLE people ADD COLUMN class_name TEXT;
ALTER TABLE people ADD COLUMN starts_on TEXT;
ALTER TABLE people ADD COLUMN ends_on TEXT;
ALTER TABLE people ADD COLUMN ended_at INTEGER;
CREATE UNIQUE INDEX people_source_key ON people(member_id, source, source_key);
CREATE INDEX people_pnr_hash ON people(member_id, pnr_hash);
CREATE INDEX people_ends_on ON people(ends_on) WHERE ended_at IS NULL AND ends_on IS NOT NULL;
-- A leaver's accounts are found by their link to the person.
CREATE INDEX accounts_person ON accounts(person_member_id, person_id);

-- A member's rules for its people: a delivery ending more than this share
-- of a source's people waits for an administrator; people who left are
-- kept this many days.
ALTER TABLE members ADD COLUMN leaver_share_percent INTEGER NOT NULL DEFAULT 5;
ALTER TABLE members ADD COLUMN person_retention_days INTEGER NOT NULL DEFAULT 365;

CREATE TABLE people_deliveries (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    source TEXT NOT NULL,
    is_full INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    received_by BLOB,
    -- previewed, waiting (for an administrator's confirmation), applied,
    -- discarded
    state TEXT NOT NULL,
    -- The delivered people (personnummer sealed), JSON.
    people TEXT NOT NULL,
    -- The counts shown in the preview, JSON.
    summary TEXT NOT NULL,
    decided_at INTEGER,
    decided_by BLOB,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id)
);
CREATE INDEX people_deliveries_received ON people_deliveries(member_id, received_at);

CREATE TABLE person_history (
    member_id BLOB NOT NULL,
    id BLOB NOT NULL,
    person_id BLOB NOT NULL,
    at INTEGER NOT NULL,
    -- joined, moved, updated, left, returned
    kind TEXT NOT NULL,
    delivery_id BLOB,
    -- Why, when not a delivery: end_date (the last day passed), missing
    -- (gone from a full delivery)
    reason TEXT,
    -- The fields that changed, JSON [{field, old, new}]
    changes TEXT NOT NULL,
    by_account BLOB,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);
CREATE INDEX person_history_person ON person_history(member_id, person_id, at);
