-- Steering the federation: its goals (målbild) with KPIs, the monthly
-- figures they are measured by (kept in revisions, so a recomputation
-- never silently rewrites what the board was shown), the forums of the
-- collaboration model with their seats and meetings, proposals and their
-- history, decisions with the votes of each seat, and the archived
-- monthly member reports.

CREATE TABLE goals (
    id BLOB PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE kpis (
    id BLOB PRIMARY KEY,
    goal_id BLOB NOT NULL REFERENCES goals(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    -- A measure samdrift computes, or 'manual' for figures entered by hand.
    measure TEXT NOT NULL,
    -- Only this member's figures count (NULL: the whole federation).
    member_id BLOB REFERENCES members(id),
    direction TEXT NOT NULL,
    -- In thousandths of the measure's unit.
    target_milli INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    owner TEXT NOT NULL,
    -- Where a hand-entered figure comes from.
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX kpis_goal ON kpis(goal_id, position);

-- Hand-entered figures, per month, in revisions.
CREATE TABLE kpi_entries (
    kpi_id BLOB NOT NULL REFERENCES kpis(id),
    month TEXT NOT NULL,
    revision INTEGER NOT NULL,
    value_milli INTEGER NOT NULL,
    source TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at INTEGER NOT NULL,
    PRIMARY KEY (kpi_id, month, revision)
);

-- Each member's figure of a measure in a month (service_code '' for all
-- services), as numerator and denominator so the federation's figure is
-- the sums' quotient. A month still open is updated in place; a closed
-- month's changed figure is a new revision beside the old.
CREATE TABLE monthly_figures (
    member_id BLOB NOT NULL REFERENCES members(id),
    measure TEXT NOT NULL,
    service_code TEXT NOT NULL,
    month TEXT NOT NULL,
    revision INTEGER NOT NULL,
    numerator INTEGER NOT NULL,
    denominator INTEGER NOT NULL,
    month_closed INTEGER NOT NULL,
    computed_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, measure, service_code, month, revision)
);
CREATE INDEX monthly_figures_month ON monthly_figures(measure, month);

CREATE TABLE forums (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The member a service-level meeting is held with (NULL: federation).
    member_id BLOB REFERENCES members(id),
    -- Share of the seats' weight that must take part, in basis points.
    quorum_bp INTEGER NOT NULL,
    majority TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE forum_seats (
    id BLOB PRIMARY KEY,
    forum_id BLOB NOT NULL REFERENCES forums(id),
    -- The member the seat represents (NULL: the federation's own seat).
    member_id BLOB REFERENCES members(id),
    -- Who holds the seat and votes in it.
    account_id BLOB REFERENCES accounts(id),
    holder TEXT NOT NULL,
    role TEXT NOT NULL,
    weight INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX forum_seats_forum ON forum_seats(forum_id);
CREATE INDEX forum_seats_account ON forum_seats(account_id);

CREATE TABLE meetings (
    id BLOB PRIMARY KEY,
    forum_id BLOB NOT NULL REFERENCES forums(id),
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meetings_forum ON meetings(forum_id, held_on);

CREATE TABLE meeting_attendance (
    meeting_id BLOB NOT NULL REFERENCES meetings(id),
    seat_id BLOB NOT NULL REFERENCES forum_seats(id),
    PRIMARY KEY (meeting_id, seat_id)
);

CREATE TABLE proposals (
    id BLOB PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    benefit TEXT NOT NULL,
    cost_ore INTEGER NOT NULL,
    -- The member that raised it (NULL: the federation).
    member_id BLOB REFERENCES members(id),
    raised_by TEXT NOT NULL,
    state TEXT NOT NULL,
    forum_id BLOB REFERENCES forums(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX proposals_state ON proposals(state, created_at);

CREATE TABLE proposal_members (
    proposal_id BLOB NOT NULL REFERENCES proposals(id),
    member_id BLOB NOT NULL REFERENCES members(id),
    PRIMARY KEY (proposal_id, member_id)
);

CREATE TABLE proposal_events (
    proposal_id BLOB NOT NULL REFERENCES proposals(id),
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    state TEXT NOT NULL,
    forum_id BLOB REFERENCES forums(id),
    note TEXT NOT NULL,
    PRIMARY KEY (proposal_id, seq)
);

CREATE TABLE decisions (
    id BLOB PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    forum_id BLOB NOT NULL REFERENCES forums(id),
    meeting_id BLOB REFERENCES meetings(id),
    proposal_id BLOB REFERENCES proposals(id),
    title TEXT NOT NULL,
    state TEXT NOT NULL,
    outcome TEXT,
    explanation TEXT NOT NULL,
    -- What the decision changes: an agreement, the catalog or the budget.
    link_kind TEXT,
    link_ref TEXT,
    opened_at INTEGER NOT NULL,
    closed_at INTEGER,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX decisions_opened ON decisions(opened_at);

CREATE TABLE votes (
    decision_id BLOB NOT NULL REFERENCES decisions(id),
    seat_id BLOB NOT NULL REFERENCES forum_seats(id),
    choice TEXT NOT NULL,
    weight INTEGER NOT NULL,
    reservation TEXT NOT NULL,
    cast_by BLOB NOT NULL REFERENCES accounts(id),
    cast_at INTEGER NOT NULL,
    PRIMARY KEY (decision_id, seat_id)
);

-- A member's monthly report as it was made: the document and its PDF,
-- written once and never changed.
CREATE TABLE member_reports (
    member_id BLOB NOT NULL REFERENCES members(id),
    month TEXT NOT NULL,
    language TEXT NOT NULL,
    document TEXT NOT NULL,
    pdf BLOB NOT NULL,
    made_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, month, language)
);
