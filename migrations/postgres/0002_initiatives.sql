-- The spotters' database (PostgreSQL): the world cities gazetteer, themes, initiatives with their translations,
-- and the full-text index. Folded text (see src/text/fold.rs) is computed by the application, so
-- the index is maintained by the application too, not by triggers.

CREATE TABLE countries (
    code TEXT PRIMARY KEY,            -- ISO 3166-1 alpha-2
    name TEXT NOT NULL,
    continent TEXT NOT NULL
);

CREATE TABLE cities (
    -- the GeoNames id for an imported city; from 1,000,000,000 up for a city a moderator added
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    country_code TEXT NOT NULL REFERENCES countries(code),
    admin1_code TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    timezone TEXT NOT NULL,
    population BIGINT NOT NULL DEFAULT 0,
    added_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL   -- NULL for an imported city
);
CREATE INDEX cities_by_country ON cities (country_code);

-- Every name a city answers to, folded: autocomplete is a range scan on this primary key (byte
-- order, so that the range of a prefix is the same as on SQLite).
CREATE TABLE city_names (
    folded TEXT COLLATE "C" NOT NULL,
    city_id BIGINT NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
    PRIMARY KEY (folded, city_id)
);
CREATE INDEX city_names_by_city ON city_names (city_id);

-- Built-in themes are named in locales/ (key themes.<slug>); themes admins add are named in
-- theme_labels, one row per language.
CREATE TABLE themes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    builtin BOOLEAN NOT NULL DEFAULT FALSE,
    position BIGINT NOT NULL
);
CREATE TABLE theme_labels (
    theme_id BIGINT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (theme_id, language)
);
INSERT INTO themes (slug, builtin, position) VALUES
    ('food_gardens', TRUE, 10), ('mobility', TRUE, 20), ('housing', TRUE, 30), ('environment_climate', TRUE, 40),
    ('culture_art', TRUE, 50), ('solidarity', TRUE, 60), ('youth', TRUE, 70), ('education', TRUE, 80),
    ('public_space', TRUE, 90), ('economy_work', TRUE, 100), ('democracy_citizenship', TRUE, 110),
    ('health_care', TRUE, 120), ('digital', TRUE, 130);

CREATE TABLE initiatives (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    spotter_id BIGINT NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'submitted', 'returned', 'published', 'unpublished')),
    original_language TEXT NOT NULL,
    city_id BIGINT REFERENCES cities(id),   -- NULL while a draft has none yet
    country_code TEXT,                        -- the city's, kept here for the country facet
    founded_year BIGINT,
    website TEXT NOT NULL DEFAULT '',
    review_note TEXT NOT NULL DEFAULT '',     -- why a moderator sent it back
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    submitted_at TIMESTAMPTZ,
    published_at TIMESTAMPTZ
);
CREATE INDEX initiatives_by_status ON initiatives (status, published_at);
CREATE INDEX initiatives_by_spotter ON initiatives (spotter_id);
CREATE INDEX initiatives_by_city ON initiatives (city_id);
CREATE INDEX initiatives_by_country ON initiatives (country_code);

-- The original text and its translations: one row per language.
CREATE TABLE initiative_texts (
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (initiative_id, language)
);
CREATE INDEX initiative_texts_by_language ON initiative_texts (language, initiative_id);

CREATE TABLE initiative_themes (
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    theme_id BIGINT NOT NULL REFERENCES themes(id),
    PRIMARY KEY (initiative_id, theme_id)
);
CREATE INDEX initiative_themes_by_theme ON initiative_themes (theme_id, initiative_id);

CREATE TABLE initiative_tags (
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (initiative_id, position)
);

-- Social and other links beside the website.
CREATE TABLE initiative_links (
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (initiative_id, position)
);

CREATE TABLE initiative_founders (
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    -- a founder who is a member, shown linked once they confirmed it
    account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (initiative_id, position)
);

CREATE TABLE initiative_photos (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    large_key TEXT NOT NULL,
    thumbnail_key TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    alt TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX initiative_photos_by_initiative ON initiative_photos (initiative_id, position);

-- What happened to an initiative, by whom: drafts, submissions, reviews, edits of published ones.
CREATE TABLE initiative_changes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '',          -- the names of the fields an edit changed, comma-separated
    note TEXT NOT NULL DEFAULT '',
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX initiative_changes_by_initiative ON initiative_changes (initiative_id, changed_at);

-- Published initiatives only. The document is built from folded words with array_to_tsvector (no
-- parser, no stemming, no stop words), weighted A for titles, B for summaries, C for the rest, so
-- that it holds exactly the words SQLite's index holds.
CREATE TABLE initiative_search (
    initiative_id BIGINT PRIMARY KEY REFERENCES initiatives(id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
CREATE INDEX initiative_search_by_word ON initiative_search USING GIN (document);
