-- Service levels: calendars (federation-wide), agreements per member, the
-- computed clocks of each ticket (derived from its history, recomputed on
-- every change), in-app notifications, and outages with their status
-- messages (driftmeddelanden).

CREATE TABLE calendars (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    spec TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE agreements (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    name TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    spec TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id)
);
CREATE INDEX agreements_period ON agreements(member_id, valid_from, valid_to);

-- Which calendars an agreement uses (so a calendar in use cannot be deleted).
CREATE TABLE agreement_calendars (
    member_id BLOB NOT NULL,
    agreement_id BLOB NOT NULL,
    calendar_id BLOB NOT NULL REFERENCES calendars(id),
    PRIMARY KEY (member_id, agreement_id, calendar_id),
    FOREIGN KEY (member_id, agreement_id) REFERENCES agreements(member_id, id) ON DELETE CASCADE
);

CREATE TABLE ticket_clocks (
    member_id BLOB NOT NULL,
    ticket_id BLOB NOT NULL,
    kind TEXT NOT NULL,
    -- The ticket's number, kept here so reports read one table.
    number TEXT NOT NULL,
    priority TEXT NOT NULL,
    service_code TEXT,
    agreement_id BLOB,
    entry TEXT,
    calendar_id BLOB,
    target_seconds INTEGER NOT NULL,
    elapsed_seconds INTEGER NOT NULL,
    state TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    stopped_at INTEGER,
    due_at INTEGER,
    warning_at INTEGER,
    breached_at INTEGER,
    computed_at INTEGER NOT NULL,
    warned_fired_at INTEGER,
    breach_fired_at INTEGER,
    PRIMARY KEY (member_id, ticket_id, kind),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_clocks_warning ON ticket_clocks(warning_at) WHERE warned_fired_at IS NULL;
CREATE INDEX ticket_clocks_due ON ticket_clocks(due_at) WHERE breach_fired_at IS NULL;
CREATE INDEX ticket_clocks_report ON ticket_clocks(member_id, kind);

CREATE TABLE notifications (
    id BLOB PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    member_id BLOB,
    ticket_id BLOB,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX notifications_account ON notifications(account_id, created_at);

CREATE TABLE outages (
    id BLOB PRIMARY KEY,
    service_id BLOB NOT NULL REFERENCES services(id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER,
    planned INTEGER NOT NULL DEFAULT 0,
    announced_at INTEGER NOT NULL,
    message TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE outage_members (
    outage_id BLOB NOT NULL REFERENCES outages(id) ON DELETE CASCADE,
    member_id BLOB NOT NULL REFERENCES members(id),
    PRIMARY KEY (outage_id, member_id)
);
CREATE INDEX outage_members_member ON outage_members(member_id);

-- What happens when a clock warns or breaches, besides notifying the group
-- leads: assign the group lead, move the ticket to another group, or raise
-- its priority. Rules apply in position order.
CREATE TABLE escalation_rules (
    id BLOB PRIMARY KEY,
    position INTEGER NOT NULL,
    on_event TEXT NOT NULL,
    clock TEXT NOT NULL,
    priorities TEXT NOT NULL,
    action TEXT NOT NULL,
    group_id BLOB REFERENCES competence_groups(id)
);
