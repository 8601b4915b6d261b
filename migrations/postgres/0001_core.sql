-- Core registers and tickets. Instants are integer microseconds since the
-- Unix epoch (UTC), the same as on SQLite so one SQL text serves both; ids
-- are UUIDv7; money is integer öre. Every row a member owns carries
-- member_id in its key (the distribution column if sharded with Citus).

CREATE TABLE members (
    id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    organisation_number TEXT NOT NULL,
    ownership_share_bp BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE administrations (
    member_id UUID NOT NULL REFERENCES members(id),
    id UUID NOT NULL,
    parent_id UUID,
    name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, parent_id) REFERENCES administrations(member_id, id)
);

CREATE TABLE people (
    member_id UUID NOT NULL REFERENCES members(id),
    id UUID NOT NULL,
    administration_id UUID,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id),
    UNIQUE (member_id, email),
    FOREIGN KEY (member_id, administration_id) REFERENCES administrations(member_id, id)
);
CREATE INDEX people_email ON people(email);
CREATE INDEX people_name ON people(name);

CREATE TABLE accounts (
    id UUID PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    person_member_id UUID,
    person_id UUID,
    staff_role TEXT,
    language TEXT NOT NULL DEFAULT 'sv',
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    FOREIGN KEY (person_member_id, person_id) REFERENCES people(member_id, id)
);

CREATE TABLE account_roles (
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    member_id UUID NOT NULL REFERENCES members(id),
    role TEXT NOT NULL,
    PRIMARY KEY (account_id, member_id, role)
);

CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE login_failures (
    username TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_username ON login_failures(username, at);

CREATE TABLE competence_groups (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE group_members (
    group_id UUID NOT NULL REFERENCES competence_groups(id) ON DELETE CASCADE,
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, account_id)
);

CREATE TABLE suppliers (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE services (
    id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owning_group_id UUID REFERENCES competence_groups(id),
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE routing_rules (
    id UUID PRIMARY KEY,
    position BIGINT NOT NULL,
    service_id UUID REFERENCES services(id),
    member_id UUID REFERENCES members(id),
    ticket_type TEXT,
    group_id UUID NOT NULL REFERENCES competence_groups(id)
);

CREATE TABLE ticket_counters (
    member_id UUID NOT NULL REFERENCES members(id),
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (member_id, year)
);

CREATE TABLE tickets (
    member_id UUID NOT NULL REFERENCES members(id),
    id UUID NOT NULL,
    number TEXT NOT NULL UNIQUE,
    ticket_type TEXT NOT NULL,
    administration_id UUID,
    requester_id UUID,
    service_id UUID REFERENCES services(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    impact BIGINT NOT NULL,
    urgency BIGINT NOT NULL,
    priority TEXT NOT NULL,
    priority_overridden BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL,
    group_id UUID REFERENCES competence_groups(id),
    assignee_id UUID REFERENCES accounts(id),
    supplier_id UUID REFERENCES suppliers(id),
    supplier_reference TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    resolved_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
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
    member_id UUID NOT NULL,
    id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    at BIGINT NOT NULL,
    author_id UUID,
    author_name TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    by_staff BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_comments_ticket ON ticket_comments(member_id, ticket_id, at);

CREATE TABLE ticket_attachments (
    member_id UUID NOT NULL,
    id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    uploaded_by UUID,
    at BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments(member_id, ticket_id);

CREATE TABLE ticket_events (
    member_id UUID NOT NULL,
    id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    at BIGINT NOT NULL,
    actor_id UUID,
    actor_name TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    kind TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    public BOOLEAN NOT NULL,
    PRIMARY KEY (member_id, id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_events_ticket ON ticket_events(member_id, ticket_id, at);

CREATE TABLE ticket_search (
    member_id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    document TSVECTOR NOT NULL,
    PRIMARY KEY (member_id, ticket_id)
);
CREATE INDEX ticket_search_document ON ticket_search USING GIN (document);
