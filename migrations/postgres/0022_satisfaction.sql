-- Customer satisfaction (kundnöjdhet). When a ticket is resolved its
-- requester may be asked to rate it: each member samples a share of its
-- resolved tickets and asks nobody more than once in its quiet period.
-- A request keeps only the hash of the token its link carries; a ticket
-- is rated once, and the rating keeps the ticket's service, group and
-- assignee as they were, so results stay true when the ticket moves.
CREATE TABLE satisfaction_settings (
    member_id UUID PRIMARY KEY REFERENCES members(id),
    sampling_percent BIGINT NOT NULL DEFAULT 100,
    quiet_days BIGINT NOT NULL DEFAULT 30,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE satisfaction_requests (
    member_id UUID NOT NULL REFERENCES members(id),
    ticket_id UUID NOT NULL,
    person_id UUID NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    asked_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, ticket_id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id),
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);
CREATE INDEX satisfaction_requests_person ON satisfaction_requests(member_id, person_id, asked_at);

CREATE TABLE satisfaction_ratings (
    member_id UUID NOT NULL REFERENCES members(id),
    ticket_id UUID NOT NULL,
    rating BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    rated_at BIGINT NOT NULL,
    service_id UUID REFERENCES services(id),
    group_id UUID REFERENCES competence_groups(id),
    assignee_id UUID REFERENCES accounts(id),
    PRIMARY KEY (member_id, ticket_id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX satisfaction_ratings_member_rated ON satisfaction_ratings(member_id, rated_at);

-- The annual survey of a member: a draft takes questions; opening it
-- invites the member's people (all or a sample), each invitation with a
-- token whose hash alone is kept; a closed survey takes no answers.
CREATE TABLE surveys (
    member_id UUID NOT NULL REFERENCES members(id),
    id UUID NOT NULL,
    title TEXT NOT NULL,
    year BIGINT NOT NULL,
    state TEXT NOT NULL,
    sample_percent BIGINT NOT NULL DEFAULT 100,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id)
);

CREATE TABLE survey_questions (
    member_id UUID NOT NULL,
    survey_id UUID NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (member_id, survey_id, position),
    FOREIGN KEY (member_id, survey_id) REFERENCES surveys(member_id, id)
);

-- Whom a survey asked, and only whether they answered: no time, and no
-- reference from an answer to the invitation or the other way round.
CREATE TABLE survey_invitations (
    member_id UUID NOT NULL,
    survey_id UUID NOT NULL,
    person_id UUID NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    answered BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (member_id, survey_id, person_id),
    FOREIGN KEY (member_id, survey_id) REFERENCES surveys(member_id, id),
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);

-- The answers, anonymous: one response is a fresh random id, chosen when
-- the answers are stored, with no person, invitation or time. (SQLite
-- keeps the table without rowid, in the order of those random ids.)
CREATE TABLE survey_answers (
    member_id UUID NOT NULL,
    survey_id UUID NOT NULL,
    response_id UUID NOT NULL,
    position BIGINT NOT NULL,
    grade BIGINT CHECK (grade BETWEEN 1 AND 5),
    text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, survey_id, response_id, position),
    FOREIGN KEY (member_id, survey_id, position) REFERENCES survey_questions(member_id, survey_id, position)
);
