-- What came out of an event (src/events/outcome.rs), recorded by its organisers afterwards.
CREATE TABLE event_outcomes (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    -- how many people came (the organisers' count, not the check-ins: people come unannounced)
    attendance INTEGER NOT NULL CHECK (attendance >= 0),
    -- safe Markdown, in the event's language
    ideas TEXT NOT NULL DEFAULT '',
    roadmap TEXT NOT NULL DEFAULT '',
    projects TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER NOT NULL REFERENCES accounts(id),
    recorded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Which initiative inspired which (src/inspiration): the lasting graph of the movement. The
-- source is an initiative or an event; the target is always an initiative. Links proposed at
-- an event (`via_event_id`) are decided by its organisers or a moderator; only confirmed links
-- are shown.
CREATE TABLE inspiration_links (
    id INTEGER PRIMARY KEY,
    source_initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
    source_event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
    target_initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    via_event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
    proposed_by INTEGER NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected')),
    decided_by INTEGER REFERENCES accounts(id),
    decided_at TEXT,
    created_at TEXT NOT NULL,
    CHECK ((source_initiative_id IS NULL) <> (source_event_id IS NULL)),
    CHECK (source_initiative_id IS NULL OR source_initiative_id <> target_initiative_id)
);
CREATE UNIQUE INDEX inspiration_links_initiative_pair
    ON inspiration_links (source_initiative_id, target_initiative_id)
    WHERE source_initiative_id IS NOT NULL;
CREATE UNIQUE INDEX inspiration_links_event_pair
    ON inspiration_links (source_event_id, target_initiative_id)
    WHERE source_event_id IS NOT NULL;
CREATE INDEX inspiration_links_by_target ON inspiration_links (target_initiative_id, status);
CREATE INDEX inspiration_links_by_via_event ON inspiration_links (via_event_id, status);
