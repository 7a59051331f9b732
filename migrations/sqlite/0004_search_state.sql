-- Search counts facets in the app's memory (src/initiatives/search/facets.rs) and keeps that copy in
-- step with the database: every change to the search index takes the next version and stamps the
-- initiative with it, so an app instance reloads only the initiatives changed since its copy.
CREATE TABLE search_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO search_state (id, version) VALUES (1, 0);
ALTER TABLE initiatives ADD COLUMN search_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX initiatives_by_search_version ON initiatives (search_version);
