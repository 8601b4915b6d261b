-- Search considers the newest matches first (ticket ids are UUIDv7, so
-- they grow with creation). With this index PostgreSQL can walk the
-- documents from the newest and stop after enough matches, instead of
-- collecting every match of a common word (a tenth of a large desk) and
-- sorting them: two seconds per search at a million tickets.
CREATE INDEX ticket_search_recent ON ticket_search (ticket_id DESC);
