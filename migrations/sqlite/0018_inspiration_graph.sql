-- The inspiration graph (src/inspiration/graph.rs) walks confirmed links from a source to what
-- it inspired, generation after generation: each step is a range scan on this index. Walking up
-- (what inspired an initiative) uses inspiration_links_by_target.
CREATE INDEX inspiration_links_by_source
    ON inspiration_links (source_initiative_id, status, target_initiative_id);
