-- The spotters' database: the world cities gazetteer, themes, initiatives with their translations,
-- and the full-text index. Folded text (see src/text/fold.rs) is computed by the application, so
-- the index is maintained by the application too, not by triggers.

CREATE TABLE countries (
    code TEXT PRIMARY KEY,            -- ISO 3166-1 alpha-2
    name TEXT NOT NULL,
    continent TEXT NOT NULL
);

CREATE TABLE cities (
    -- the GeoNames id for an imported city; from 1,000,000,000 up for a city a moderator added
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country_code TEXT NOT NULL REFERENCES countries(code),
    admin1_code TEXT NOT NULL DEFAULT '',
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    timezone TEXT NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    added_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL   -- NULL for an imported city
);
CREATE INDEX cities_by_country ON cities (country_code);

-- Every name a city answers to, folded: autocomplete is a range scan on this primary key.
CREATE TABLE city_names (
    folded TEXT NOT NULL,
    city_id INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
    PRIMARY KEY (folded, city_id)
) WITHOUT ROWID;
CREATE INDEX city_names_by_city ON city_names (city_id);

-- Built-in themes are named in locales/ (key themes.<slug>); themes admins add are named in
-- theme_labels, one row per language.
CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    builtin INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL
);
CREATE TABLE theme_labels (
    theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (theme_id, language)
);
INSERT INTO themes (slug, builtin, position) VALUES
    ('food_gardens', 1, 10), ('mobility', 1, 20), ('housing', 1, 30), ('environment_climate', 1, 40),
    ('culture_art', 1, 50), ('solidarity', 1, 60), ('youth', 1, 70), ('education', 1, 80),
    ('public_space', 1, 90), ('economy_work', 1, 100), ('democracy_citizenship', 1, 110),
    ('health_care', 1, 120), ('digital', 1, 130);

CREATE TABLE initiatives (
    id INTEGER PRIMARY KEY,
    spotter_id INTEGER NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'submitted', 'returned', 'published', 'unpublished')),
    original_language TEXT NOT NULL,
    city_id INTEGER REFERENCES cities(id),   -- NULL while a draft has none yet
    country_code TEXT,                        -- the city's, kept here for the country facet
    founded_year INTEGER,
    website TEXT NOT NULL DEFAULT '',
    review_note TEXT NOT NULL DEFAULT '',     -- why a moderator sent it back
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    published_at TEXT
);
CREATE INDEX initiatives_by_status ON initiatives (status, published_at);
CREATE INDEX initiatives_by_spotter ON initiatives (spotter_id);
CREATE INDEX initiatives_by_city ON initiatives (city_id);
CREATE INDEX initiatives_by_country ON initiatives (country_code);

-- The original text and its translations: one row per language.
CREATE TABLE initiative_texts (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (initiative_id, language)
);
CREATE INDEX initiative_texts_by_language ON initiative_texts (language, initiative_id);

CREATE TABLE initiative_themes (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES themes(id),
    PRIMARY KEY (initiative_id, theme_id)
);
CREATE INDEX initiative_themes_by_theme ON initiative_themes (theme_id, initiative_id);

CREATE TABLE initiative_tags (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (initiative_id, position)
);

-- Social and other links beside the website.
CREATE TABLE initiative_links (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (initiative_id, position)
);

CREATE TABLE initiative_founders (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    -- a founder who is a member, shown linked once they confirmed it
    account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (initiative_id, position)
);

CREATE TABLE initiative_photos (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    large_key TEXT NOT NULL,
    thumbnail_key TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    alt TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX initiative_photos_by_initiative ON initiative_photos (initiative_id, position);

-- What happened to an initiative, by whom: drafts, submissions, reviews, edits of published ones.
CREATE TABLE initiative_changes (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '',          -- the names of the fields an edit changed, comma-separated
    note TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL
);
CREATE INDEX initiative_changes_by_initiative ON initiative_changes (initiative_id, changed_at);

-- Published initiatives only, rowid = initiative id. Columns hold folded words separated by spaces:
-- title (all languages), summary (all languages), and the rest (descriptions, city, country, tags).
CREATE VIRTUAL TABLE initiative_search USING fts5 (
    title, summary, body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
