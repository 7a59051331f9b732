-- PostgreSQL's migration 0007 gives each search field a table of its own; FTS5 keeps its three
-- columns in one index already. Nothing to change here: the two databases keep the same versions.
SELECT 1;
