-- Core registers and tickets. Instants are integer microseconds since the
-- Unix epoch (UTC); ids are UUIDv7 (16-byte blobs); money is integer öre.
-- Every row a member owns carries member_id in its key.

CREATE TABLE members (
    id BLOB PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    organisation_number TEXT NOT NULL,
    ownership_share_bp INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE administrations (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    parent_id BLOB,
    name TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, parent_id) REFERENCES administrations(member_id, id)
);

CREATE TABLE people (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    administration_id BLOB,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id),
    UNIQUE (member_id, email),
    FOREIGN KEY (member_id, administration_id) REFERENCES administrations(member_id, id)
);
CREATE INDEX people_email ON people(email);
CREATE INDEX people_name ON people(name);

CREATE TABLE accounts (
    id BLOB PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    person_member_id BLOB,
    person_id BLOB,
    staff_role TEXT,
    language TEXT NOT NULL DEFAULT 'sv',
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY (person_member_id, person_id) REFERENCES people(member_id, id)
);

CREATE TABLE account_roles (
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    member_id BLOB NOT NULL REFERENCES members(id),
    role TEXT NOT NULL,
    PRIMARY KEY (account_id, member_id, role)
);

CREATE TABLE api_tokens (
    id BLOB PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE login_failures (
    username TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_username ON login_failures(username, at);

CREATE TABLE competence_groups (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE group_members (
    group_id BLOB NOT NULL REFERENCES competence_groups(id) ON DELETE CASCADE,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, account_id)
);

CREATE TABLE suppliers (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE services (
    id BLOB PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owning_group_id BLOB REFERENCES competence_groups(id),
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE routing_rules (
    id BLOB PRIMARY KEY,
    position INTEGER NOT NULL,
    service_id BLOB REFERENCES services(id),
    member_id BLOB REFERENCES members(id),
    ticket_type TEXT,
    group_id BLOB NOT NULL REFERENCES competence_groups(id)
);

CREATE TABLE ticket_counters (
    member_id BLOB NOT NULL REFERENCES members(id),
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (member_id, year)
);

CREATE TABLE tickets (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    number TEXT NOT NULL UNIQUE,
    ticket_type TEXT NOT NULL,
    administration_id BLOB,
    requester_id BLOB,
    service_id BLOB REFERENCES services(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    impact INTEGER NOT NULL,
    urgency INTEGER NOT NULL,
    priority TEXT NOT NULL,
    priority_overridden INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    group_id BLOB REFERENCES competence_groups(id),
    assignee_id BLOB REFERENCES accounts(id),
    supplier_id BLOB REFERENCES suppliers(id),
    supplier_reference TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    resolved_at INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, administration_id) REFERENCES administrations(member_id, id),
    FOREIGN KEY (member_id, requester_id) REFERENCES people(member_id, id)
);
CREATE INDEX tickets_id ON tickets(id);
CREATE INDEX tickets_member_created ON tickets(member_id, created_at);
CREATE INDEX tickets_status ON tickets(status, created_at);
CREATE INDEX tickets_group ON tickets(group_id, status);
CREATE INDEX tickets_assignee ON tickets(assignee_id, status);
CREATE INDEX tickets_requester ON tickets(member_id, requester_id);

CREATE TABLE ticket_comments (
    member_id BLOB NOT NULL,
    id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    at INTEGER NOT NULL,
    author_id BLOB,
    author_name TEXT NOT NULL,
    public INTEGER NOT NULL,
    by_staff INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_comments_ticket ON ticket_comments(member_id, ticket_id, at);

CREATE TABLE ticket_attachments (
    member_id BLOB NOT NULL,
    id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    public INTEGER NOT NULL,
    uploaded_by BLOB,
    at INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments(member_id, ticket_id);

CREATE TABLE ticket_events (
    member_id BLOB NOT NULL,
    id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    at INTEGER NOT NULL,
    actor_id BLOB,
    actor_name TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    kind TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    public INTEGER NOT NULL,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_events_ticket ON ticket_events(member_id, ticket_id, at);

-- Full-text search: ticket_search_keys gives each ticket a stable integer
-- that is the FTS5 rowid (implicit rowids may change on VACUUM).
CREATE TABLE ticket_search_keys (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    UNIQUE (member_id, ticket_id)
);

CREATE VIRTUAL TABLE ticket_search USING fts5(
    number,
    title,
    description,
    comments,
    tokenize = 'unicode61 remove_diacritics 0'
);
