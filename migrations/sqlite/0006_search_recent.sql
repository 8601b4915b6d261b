-- PostgreSQL gets an index on its search documents in creation order here.
-- SQLite needs none: the FTS5 rowid (from ticket_search_keys) already grows
-- with creation, and the newest matches are read from the index in that
-- order. The file keeps the two backends' migrations in step.
SELECT 1;
