-- Customer satisfaction (kundnöjdhet). When a ticket is resolved its
-- requester may be asked to rate it: each member samples a share of its
-- resolved tickets and asks nobody more than once in its quiet period.
-- A request keeps only the hash of the token its link carries; a ticket
-- is rated once, and the rating keeps the ticket's service, group and
-- assignee as they were, so results stay true when the ticket moves.
CREATE TABLE satisfaction_settings (
    member_id BLOB PRIMARY KEY REFERENCES members(id),
    sampling_percent INTEGER NOT NULL DEFAULT 100,
    quiet_days INTEGER NOT NULL DEFAULT 30,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE satisfaction_requests (
    member_id BLOB NOT NULL REFERENCES members(id),
    ticket_id BLOB NOT NULL,
    person_id BLOB NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    asked_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, ticket_id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id),
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);
CREATE INDEX satisfaction_requests_person ON satisfaction_requests(member_id, person_id, asked_at);

CREATE TABLE satisfaction_ratings (
    member_id BLOB NOT NULL REFERENCES members(id),
    ticket_id BLOB NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    rated_at INTEGER NOT NULL,
    service_id BLOB REFERENCES services(id),
    group_id BLOB REFERENCES competence_groups(id),
    assignee_id BLOB REFERENCES accounts(id),
    PRIMARY KEY (member_id, ticket_id),
    FOREIGN KEY (member_id, ticket_id) REFERENCES tickets(member_id, id)
);
CREATE INDEX satisfaction_ratings_member_rated ON satisfaction_ratings(member_id, rated_at);

-- The annual survey of a member: a draft takes questions; opening it
-- invites the member's people (all or a sample), each invitation with a
-- token whose hash alone is kept; a closed survey takes no answers.
CREATE TABLE surveys (
    member_id BLOB NOT NULL REFERENCES members(id),
    id BLOB NOT NULL,
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    state TEXT NOT NULL,
    sample_percent INTEGER NOT NULL DEFAULT 100,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, id)
);

CREATE TABLE survey_questions (
    member_id BLOB NOT NULL,
    survey_id BLOB NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (member_id, survey_id, position),
    FOREIGN KEY (member_id, survey_id) REFERENCES surveys(member_id, id)
);

-- Whom a survey asked, and only whether they answered: no time, and no
-- reference from an answer to the invitation or the other way round.
CREATE TABLE survey_invitations (
    member_id BLOB NOT NULL,
    survey_id BLOB NOT NULL,
    person_id BLOB NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    answered INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, survey_id, person_id),
    FOREIGN KEY (member_id, survey_id) REFERENCES surveys(member_id, id),
    FOREIGN KEY (member_id, person_id) REFERENCES people(member_id, id)
);

-- The answers, anonymous: one response is a fresh random id, chosen when
-- the answers are stored, with no person, invitation or time. The table
-- has no rowid, so rows lie in the order of those random ids, not in the
-- order they were given.
CREATE TABLE survey_answers (
    member_id BLOB NOT NULL,
    survey_id BLOB NOT NULL,
    response_id BLOB NOT NULL,
    position INTEGER NOT NULL,
    grade INTEGER CHECK (grade BETWEEN 1 AND 5),
    text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, survey_id, response_id, position),
    FOREIGN KEY (member_id, survey_id, position) REFERENCES survey_questions(member_id, survey_id, position)
) WITHOUT ROWID;
