-- Accounts, roles and the record of role changes; sessions and rate-limit counters live here too,
-- so that several app instances share them and a restart loses nothing.
CREATE TABLE accounts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- stored trimmed and lower-cased: one account per address whatever its spelling
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    city TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE account_roles (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('moderator', 'admin')),
    granted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, role)
);

CREATE TABLE role_changes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL when the change came from the command line (create-admin)
    actor_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    target_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX role_changes_by_time ON role_changes (changed_at);

CREATE TABLE rate_limit_hits (
    bucket TEXT NOT NULL,
    subject TEXT NOT NULL,
    hit_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX rate_limit_hits_lookup ON rate_limit_hits (bucket, subject, hit_at);

-- The shape tower-sessions-sqlx-store expects.
CREATE SCHEMA IF NOT EXISTS tower_sessions;
CREATE TABLE tower_sessions.session (
    id TEXT PRIMARY KEY NOT NULL,
    data BYTEA NOT NULL,
    expiry_date TIMESTAMPTZ NOT NULL
);
