-- Member profiles (src/members): a handle for the profile's address, the home city from the
-- gazetteer, who may see the city, links and languages, the contributor roles a member takes up,
-- the languages they speak, themes and skills, links, and a headline and bio in several languages.

ALTER TABLE accounts ADD COLUMN handle TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN city_id BIGINT REFERENCES cities(id);
ALTER TABLE accounts ADD COLUMN city_visibility TEXT NOT NULL DEFAULT 'members'
    CHECK (city_visibility IN ('public', 'members', 'hidden'));
ALTER TABLE accounts ADD COLUMN links_visibility TEXT NOT NULL DEFAULT 'members'
    CHECK (links_visibility IN ('public', 'members', 'hidden'));
ALTER TABLE accounts ADD COLUMN languages_visibility TEXT NOT NULL DEFAULT 'members'
    CHECK (languages_visibility IN ('public', 'members', 'hidden'));
-- the language the member wrote their headline and bio in first ('' before they write one)
ALTER TABLE accounts ADD COLUMN profile_language TEXT NOT NULL DEFAULT '';
UPDATE accounts SET handle = 'member' || id;
CREATE UNIQUE INDEX accounts_by_handle ON accounts (handle);
CREATE INDEX accounts_by_city ON accounts (city_id);

-- Every handle key (src/members/handle.rs) a member ever had, the current one included: an old
-- handle keeps redirecting to its member, and nobody else can take it or a look-alike of it.
CREATE TABLE member_handles (
    handle_key TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX member_handles_by_account ON member_handles (account_id);
INSERT INTO member_handles (handle_key, account_id) SELECT handle, id FROM accounts;

-- Contributor roles, separate from the moderator and admin permissions of account_roles.
CREATE TABLE member_roles (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('spotter', 'reporter', 'shaker')),
    PRIMARY KEY (account_id, role)
);
CREATE INDEX member_roles_by_role ON member_roles (role);

CREATE TABLE member_languages (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('basic', 'conversational', 'fluent', 'native')),
    PRIMARY KEY (account_id, language)
);

CREATE TABLE member_themes (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    theme_id BIGINT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, theme_id)
);

CREATE TABLE member_skills (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    skill TEXT NOT NULL,
    PRIMARY KEY (account_id, position)
);

CREATE TABLE member_links (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (account_id, position)
);

-- Plain text, shown as typed (line breaks kept): no markup to sanitise.
CREATE TABLE member_texts (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    headline TEXT NOT NULL,
    bio TEXT NOT NULL,
    PRIMARY KEY (account_id, language)
);

-- What the directory's text search matches: the display name, handle, skills and headlines,
-- folded by the application (src/text/fold.rs) whenever they change.
ALTER TABLE accounts ADD COLUMN directory_text TEXT NOT NULL DEFAULT '';
UPDATE accounts SET directory_text = lower(display_name) || ' ' || handle;
