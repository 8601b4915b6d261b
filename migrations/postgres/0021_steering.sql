-- Steering the federation: its goals (målbild) with KPIs, the monthly
-- figures they are measured by (kept in revisions, so a recomputation
-- never silently rewrites what the board was shown), the forums of the
-- collaboration model with their seats and meetings, proposals and their
-- history, decisions with the votes of each seat, and the archived
-- monthly member reports.

CREATE TABLE goals (
    id UUID PRIMARY KEY,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE kpis (
    id UUID PRIMARY KEY,
    goal_id UUID NOT NULL REFERENCES goals(id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    -- A measure samdrift computes, or 'manual' for figures entered by hand.
    measure TEXT NOT NULL,
    -- Only this member's figures count (NULL: the whole federation).
    member_id UUID REFERENCES members(id),
    direction TEXT NOT NULL,
    -- In thousandths of the measure's unit.
    target_milli BIGINT NOT NULL,
    deadline TEXT NOT NULL,
    owner TEXT NOT NULL,
    -- Where a hand-entered figure comes from.
    source TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX kpis_goal ON kpis(goal_id, position);

-- Hand-entered figures, per month, in revisions.
CREATE TABLE kpi_entries (
    kpi_id UUID NOT NULL REFERENCES kpis(id),
    month TEXT NOT NULL,
    revision BIGINT NOT NULL,
    value_milli BIGINT NOT NULL,
    source TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at BIGINT NOT NULL,
    PRIMARY KEY (kpi_id, month, revision)
);

-- Each member's figure of a measure in a month (service_code '' for all
-- services), as numerator and denominator so the federation's figure is
-- the sums' quotient. A month still open is updated in place; a closed
-- month's changed figure is a new revision beside the old.
CREATE TABLE monthly_figures (
    member_id UUID NOT NULL REFERENCES members(id),
    measure TEXT NOT NULL,
    service_code TEXT NOT NULL,
    month TEXT NOT NULL,
    revision BIGINT NOT NULL,
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL,
    month_closed BOOLEAN NOT NULL,
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, measure, service_code, month, revision)
);
CREATE INDEX monthly_figures_month ON monthly_figures(measure, month);

CREATE TABLE forums (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The member a service-level meeting is held with (NULL: federation).
    member_id UUID REFERENCES members(id),
    -- Share of the seats' weight that must take part, in basis points.
    quorum_bp BIGINT NOT NULL,
    majority TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE forum_seats (
    id UUID PRIMARY KEY,
    forum_id UUID NOT NULL REFERENCES forums(id),
    -- The member the seat represents (NULL: the federation's own seat).
    member_id UUID REFERENCES members(id),
    -- Who holds the seat and votes in it.
    account_id UUID REFERENCES accounts(id),
    holder TEXT NOT NULL,
    role TEXT NOT NULL,
    weight BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX forum_seats_forum ON forum_seats(forum_id);
CREATE INDEX forum_seats_account ON forum_seats(account_id);

CREATE TABLE meetings (
    id UUID PRIMARY KEY,
    forum_id UUID NOT NULL REFERENCES forums(id),
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX meetings_forum ON meetings(forum_id, held_on);

CREATE TABLE meeting_attendance (
    meeting_id UUID NOT NULL REFERENCES meetings(id),
    seat_id UUID NOT NULL REFERENCES forum_seats(id),
    PRIMARY KEY (meeting_id, seat_id)
);

CREATE TABLE proposals (
    id UUID PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    benefit TEXT NOT NULL,
    cost_ore BIGINT NOT NULL,
    -- The member that raised it (NULL: the federation).
    member_id UUID REFERENCES members(id),
    raised_by TEXT NOT NULL,
    state TEXT NOT NULL,
    forum_id UUID REFERENCES forums(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX proposals_state ON proposals(state, created_at);

CREATE TABLE proposal_members (
    proposal_id UUID NOT NULL REFERENCES proposals(id),
    member_id UUID NOT NULL REFERENCES members(id),
    PRIMARY KEY (proposal_id, member_id)
);

CREATE TABLE proposal_events (
    proposal_id UUID NOT NULL REFERENCES proposals(id),
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    state TEXT NOT NULL,
    forum_id UUID REFERENCES forums(id),
    note TEXT NOT NULL,
    PRIMARY KEY (proposal_id, seq)
);

CREATE TABLE decisions (
    id UUID PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    forum_id UUID NOT NULL REFERENCES forums(id),
    meeting_id UUID REFERENCES meetings(id),
    proposal_id UUID REFERENCES proposals(id),
    title TEXT NOT NULL,
    state TEXT NOT NULL,
    outcome TEXT,
    explanation TEXT NOT NULL,
    -- What the decision changes: an agreement, the catalog or the budget.
    link_kind TEXT,
    link_ref TEXT,
    opened_at BIGINT NOT NULL,
    closed_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX decisions_opened ON decisions(opened_at);

CREATE TABLE votes (
    decision_id UUID NOT NULL REFERENCES decisions(id),
    seat_id UUID NOT NULL REFERENCES forum_seats(id),
    choice TEXT NOT NULL,
    weight BIGINT NOT NULL,
    reservation TEXT NOT NULL,
    cast_by UUID NOT NULL REFERENCES accounts(id),
    cast_at BIGINT NOT NULL,
    PRIMARY KEY (decision_id, seat_id)
);

-- A member's monthly report as it was made: the document and its PDF,
-- written once and never changed.
CREATE TABLE member_reports (
    member_id UUID NOT NULL REFERENCES members(id),
    month TEXT NOT NULL,
    language TEXT NOT NULL,
    document TEXT NOT NULL,
    pdf BYTEA NOT NULL,
    made_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, month, language)
);
