-- Service levels: calendars (federation-wide), agreements per member, the
-- computed clocks of each ticket (derived from its history, recomputed on
-- every change), in-app notifications, and outages with their status
-- messages (driftmeddelanden).

CREATE TABLE calendars (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    spec TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE agreements (
    member_id UUID NOT NULL REFERENCES members(id),
    id UUID NOT NULL,
    name TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    spec TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id)
);
CREATE INDEX agreements_period ON agreements(member_id, valid_from, valid_to);

-- Which calendars an agreement uses (so a calendar in use cannot be deleted).
CREATE TABLE agreement_calendars (
    member_id UUID NOT NULL,
    agreement_id UUID NOT NULL,
    calendar_id UUID NOT NULL REFERENCES calendars(id),
    PRIMARY KEY (member_id, agreement_id, calendar_id),
    FOREIGN KEY (member_id, agreement_id) REFERENCES agreements(member_id, id) ON DELETE CASCADE
);

CREATE TABLE ticket_clocks (
    member_id UUID NOT NULL,
    ticket_id UUID NOT NULL,
    kind TEXT NOT NULL,
    -- The ticket's number, kept here so reports read one table.
    number TEXT NOT NULL,
    priority TEXT NOT NULL,
    service_code TEXT,
    agreement_id UUID,
    entry TEXT,
    calendar_id UUID,
    target_seconds BIGINT NOT NULL,
    elapsed_seconds BIGINT NOT NULL,
    state TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    stopped_at BIGINT,
    due_at BIGINT,
    warning_at BIGINT,
    breached_at BIGINT,
    computed_at BIGINT NOT NULL,
    warned_fired_at BIGINT,
    breach_fired_at BIGINT,
    PRIMARY KEY (member_id, ticket_id, kind),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX ticket_clocks_warning ON ticket_clocks(warning_at) WHERE warned_fired_at IS NULL;
CREATE INDEX ticket_clocks_due ON ticket_clocks(due_at) WHERE breach_fired_at IS NULL;
CREATE INDEX ticket_clocks_report ON ticket_clocks(member_id, kind);

CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    member_id UUID,
    ticket_id UUID,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_account ON notifications(account_id, created_at);

CREATE TABLE outages (
    id UUID PRIMARY KEY,
    service_id UUID NOT NULL REFERENCES services(id),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT,
    planned BOOLEAN NOT NULL DEFAULT FALSE,
    announced_at BIGINT NOT NULL,
    message TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE outage_members (
    outage_id UUID NOT NULL REFERENCES outages(id) ON DELETE CASCADE,
    member_id UUID NOT NULL REFERENCES members(id),
    PRIMARY KEY (outage_id, member_id)
);
CREATE INDEX outage_members_member ON outage_members(member_id);

-- What happens when a clock warns or breaches, besides notifying the group
-- leads: assign the group lead, move the ticket to another group, or raise
-- its priority. Rules apply in position order.
CREATE TABLE escalation_rules (
    id UUID PRIMARY KEY,
    position BIGINT NOT NULL,
    on_event TEXT NOT NULL,
    clock TEXT NOT NULL,
    priorities TEXT NOT NULL,
    action TEXT NOT NULL,
    group_id UUID REFERENCES competence_groups(id)
);
