-- The same flag as SQLite's: set when a migration empties the search index, so that the
-- application refills it from its folded words when it starts. GIN answers prefixes from its
-- sorted words already; nothing to rebuild here.
ALTER TABLE search_state ADD COLUMN rebuild BIGINT NOT NULL DEFAULT 0;
