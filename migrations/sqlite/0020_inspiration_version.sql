-- The "most inspiring" ranking walks the whole inspiration graph, so each app instance keeps it in
-- memory (src/inspiration/ranking.rs) until the graph or a publication changes. Every write to the
-- links takes the next version here, by trigger so that no writer (decisions, proposals, the demo,
-- deletions cascading from initiatives) can forget it; publications move search_state.version.
CREATE TABLE inspiration_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO inspiration_state (id, version) VALUES (1, 0);
CREATE TRIGGER inspiration_links_inserted AFTER INSERT ON inspiration_links
BEGIN
    UPDATE inspiration_state SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER inspiration_links_updated AFTER UPDATE ON inspiration_links
BEGIN
    UPDATE inspiration_state SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER inspiration_links_deleted AFTER DELETE ON inspiration_links
BEGIN
    UPDATE inspiration_state SET version = version + 1 WHERE id = 1;
END;
