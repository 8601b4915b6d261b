-- People who left are kept for the member's retention period
-- (members.person_retention_days), then forgotten: their name, e-mail,
-- personnummer, source facts and history details are removed, while the
-- row stays so tickets that name them keep their reference.
ALTER TABLE people ADD COLUMN forgotten_at BIGINT;
CREATE INDEX people_ended_at ON people(ended_at) WHERE ended_at IS NOT NULL AND forgotten_at IS NULL;
