-- Search counts facets in the app's memory (src/initiatives/search/facets.rs) and keeps that copy in
-- step with the database: every change to the search index takes the next version and stamps the
-- initiative with it, so an app instance reloads only the initiatives changed since its copy. The
-- version row is updated inside the writing transaction: its lock orders versions as commits.
CREATE TABLE search_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO search_state (id, version) VALUES (1, 0);
ALTER TABLE initiatives ADD COLUMN search_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX initiatives_by_search_version ON initiatives (search_version);

-- Relevance puts the initiatives whose titles hold every word first, then those whose titles or
-- summaries do (SQLite asks FTS5 with column filters). A GIN index cannot check the weights of
-- `document`, so the titles and the headlines (titles and summaries) get their own.
ALTER TABLE initiative_search
    ADD COLUMN titles TSVECTOR NOT NULL DEFAULT ''::tsvector,
    ADD COLUMN headlines TSVECTOR NOT NULL DEFAULT ''::tsvector;
UPDATE initiative_search
    SET titles = ts_filter(document, '{a}'), headlines = ts_filter(document, '{a,b}');
CREATE INDEX initiative_search_by_title_word ON initiative_search USING GIN (titles);
CREATE INDEX initiative_search_by_headline_word ON initiative_search USING GIN (headlines);
