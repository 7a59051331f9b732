-- New CITYzens Days (src/days): on one date, shakers in many cities replicate one initiative,
-- each with their own event (events.day_id) prepared from the Day's kit.
CREATE TABLE ncz_days (
    id INTEGER PRIMARY KEY,
    -- the date, on every city's own calendar ('YYYY-MM-DD')
    day_date TEXT NOT NULL,
    -- the initiative to replicate
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    -- the language the name and kit were first written in; translations are rows beside it
    original_language TEXT NOT NULL,
    -- shakers may join (create their city's event) while the call is open
    call_open INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ncz_days_by_date ON ncz_days (day_date);

-- A Day's name, open call and kit in one language (safe Markdown).
CREATE TABLE ncz_day_texts (
    day_id INTEGER NOT NULL REFERENCES ncz_days(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name TEXT NOT NULL,
    call_text TEXT NOT NULL,
    what_to_do TEXT NOT NULL,
    what_to_bring TEXT NOT NULL DEFAULT '',
    programme TEXT NOT NULL DEFAULT '',
    poster TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (day_id, language)
);

-- The local event of a city for a Day; its start falls on the Day's date in the event's zone.
ALTER TABLE events ADD COLUMN day_id INTEGER REFERENCES ncz_days(id);
CREATE INDEX events_by_day ON events (day_id);

-- The home page counts the events still to come (and their cities) at every visit.
CREATE INDEX events_to_come ON events (ends_at) WHERE cancelled_at IS NULL;
