-- The reporters' video reports (src/reports): a video at a provider, described so that it
-- teaches (chapters, speakers, credits, languages, a transcript), reviewed by moderators before
-- it is public, as initiatives are.

-- PeerTube instances whose videos reports may show, as admins list them (by host name).
CREATE TABLE peertube_instances (
    host TEXT PRIMARY KEY,
    added_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    added_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE reports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    reporter_id BIGINT NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'submitted', 'returned', 'published', 'unpublished')),
    -- the video, as parsed from its address (src/reports/video.rs); pages build the player's
    -- address from these, never from what was typed
    provider TEXT NOT NULL CHECK (provider IN ('youtube', 'vimeo', 'dailymotion', 'peertube')),
    video_host TEXT NOT NULL DEFAULT '',      -- the PeerTube instance; '' for the others
    video_id TEXT NOT NULL,
    original_language TEXT NOT NULL,          -- of the title, text and chapters as written
    spoken_language TEXT NOT NULL,
    duration_seconds BIGINT NOT NULL CHECK (duration_seconds > 0),
    filmed_on DATE NOT NULL,
    -- when the reporter confirmed that the people filmed agreed to publication (needed to submit)
    consent_at TIMESTAMPTZ,
    transcript TEXT NOT NULL DEFAULT '',      -- plain text, in the spoken language
    thumbnail_key TEXT,                       -- stored thumbnail; NULL shows the placeholder
    thumbnail_tried_at TIMESTAMPTZ,            -- when the thumbnail was last fetched (or tried)
    review_note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    submitted_at TIMESTAMPTZ,
    published_at TIMESTAMPTZ
);
CREATE INDEX reports_by_status ON reports (status, published_at);
CREATE INDEX reports_by_initiative ON reports (initiative_id, status);
CREATE INDEX reports_by_reporter ON reports (reporter_id, status);

-- The title and text (what the report teaches), as written and translated: one row per language.
CREATE TABLE report_texts (
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    PRIMARY KEY (report_id, language)
);

CREATE TABLE report_subtitles (
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    PRIMARY KEY (report_id, language)
);

-- Who filmed it ('filmed_by') and who speaks in it ('speaker', with their role): members of the
-- platform (account_id) or people named.
CREATE TABLE report_people (
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('filmed_by', 'speaker')),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    role TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, kind, position)
);
CREATE INDEX report_people_by_account ON report_people (account_id);

CREATE TABLE report_chapters (
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    start_seconds BIGINT NOT NULL CHECK (start_seconds >= 0),
    PRIMARY KEY (report_id, position)
);
-- A chapter's title and sentence, as written and translated.
CREATE TABLE report_chapter_texts (
    report_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    sentence TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, position, language),
    FOREIGN KEY (report_id, position) REFERENCES report_chapters (report_id, position) ON DELETE CASCADE
);

CREATE TABLE report_changes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX report_changes_by_report ON report_changes (report_id, changed_at);
