-- Members' directories (Active Directory, OpenLDAP): each person's account
-- there and its groups, as the last read found them, and a row for each
-- read. People are not made from a directory; they come from the sources.
CREATE TABLE directory_accounts (
    member_id BLOB NOT NULL REFERENCES members(id),
    person_id BLOB NOT NULL,
    dn TEXT NOT NULL,
    login TEXT,
    principal TEXT,
    disabled INTEGER NOT NULL,
    -- The names of its groups, JSON array, sorted.
    groups TEXT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, person_id),
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);
CREATE INDEX directory_accounts_principal ON directory_accounts(member_id, principal);

CREATE TABLE directory_reads (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    at BIGINT NOT NULL,
    users_read BIGINT NOT NULL,
    groups_read BIGINT NOT NULL,
    matched BIGINT NOT NULL,
    -- Directory users no person matched (logins or DNs), JSON array, at
    -- most 100.
    unmatched TEXT NOT NULL,
    unmatched_count BIGINT NOT NULL,
    -- Why the read failed (nothing was changed), or NULL.
    error TEXT,
    PRIMARY KEY (member_id, id)
);
CREATE INDEX directory_reads_at ON directory_reads(member_id, at);
