-- SCIM 2.0 provisioning (docs/SCIM.md). An identity provider holding a
-- member's SCIM token creates, changes and ends that member's people and
-- keeps its directory groups. People it provisions have source 'scim'.

-- Per-member bearer tokens; only the SHA-256 of the secret is kept.
CREATE TABLE scim_tokens (
    id BLOB PRIMARY KEY,
    member_id BLOB NOT NULL REFERENCES members(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    created_by BLOB,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX scim_tokens_member ON scim_tokens(member_id, created_at);

-- What SCIM says about a person beyond the register's columns (name is
-- the formatted name, email the userName in lower case, title the title,
-- source_administration the department, source_key the externalId).
ALTER TABLE people ADD COLUMN scim_given_name TEXT;
ALTER TABLE people ADD COLUMN scim_family_name TEXT;
ALTER TABLE people ADD COLUMN scim_display_name TEXT;
-- The formatted name as the provider sent it (people.name is always set).
ALTER TABLE people ADD COLUMN scim_formatted_name TEXT;
-- The e-mail addresses as sent (JSON), and the work address among them in
-- lower case (for filters).
ALTER TABLE people ADD COLUMN scim_emails TEXT;
ALTER TABLE people ADD COLUMN scim_email TEXT;
ALTER TABLE people ADD COLUMN scim_employee_number TEXT;
ALTER TABLE people ADD COLUMN scim_created_at INTEGER;
ALTER TABLE people ADD COLUMN scim_modified_at INTEGER;
-- Deleted through SCIM: the person left and is no longer a SCIM resource
-- (the row stays for the tickets that name it, until forgotten).
ALTER TABLE people ADD COLUMN scim_deleted_at INTEGER;

-- A member's directory groups and their members (the member's people).
CREATE TABLE scim_groups (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    display_name TEXT NOT NULL,
    external_id TEXT,
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id)
);
CREATE INDEX scim_groups_name ON scim_groups(member_id, display_name);

CREATE TABLE scim_group_members (
    member_id BLOB NOT NULL,
    group_id BLOB NOT NULL,
    person_id BLOB NOT NULL,
    PRIMARY KEY (member_id, group_id, person_id),
    FOREIGN KEY (member_id, group_id) REFERENCES scim_groups(member_id, id) ON DELETE CASCADE,
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);
CREATE INDEX scim_group_members_person ON scim_group_members(member_id, person_id);
