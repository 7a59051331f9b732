-- The "most inspiring" ranking walks the whole inspiration graph, so each app instance keeps it in
-- memory (src/inspiration/ranking.rs) until the graph or a publication changes. Every write to the
-- links takes the next version here, by trigger so that no writer (decisions, proposals, the demo,
-- deletions cascading from initiatives) can forget it; publications move search_state.version.
-- The version row is updated inside the writing transaction, as search_state's.
CREATE TABLE inspiration_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO inspiration_state (id, version) VALUES (1, 0);
CREATE FUNCTION next_inspiration_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE inspiration_state SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER inspiration_links_changed AFTER INSERT OR UPDATE OR DELETE ON inspiration_links
    FOR EACH STATEMENT EXECUTE FUNCTION next_inspiration_version();
