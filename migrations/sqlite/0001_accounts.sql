-- Accounts, roles and the record of role changes; sessions and rate-limit counters live here too,
-- so that several app instances (on PostgreSQL) share them and a restart loses nothing.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    -- stored trimmed and lower-cased: one account per address whatever its spelling
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    city TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE account_roles (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('moderator', 'admin')),
    granted_at TEXT NOT NULL,
    PRIMARY KEY (account_id, role)
);

CREATE TABLE role_changes (
    id INTEGER PRIMARY KEY,
    -- NULL when the change came from the command line (create-admin)
    actor_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted INTEGER NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX role_changes_by_time ON role_changes (changed_at);

CREATE TABLE rate_limit_hits (
    bucket TEXT NOT NULL,
    subject TEXT NOT NULL,
    hit_at TEXT NOT NULL
);
CREATE INDEX rate_limit_hits_lookup ON rate_limit_hits (bucket, subject, hit_at);

-- The shape tower-sessions-sqlx-store expects.
CREATE TABLE tower_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    data BLOB NOT NULL,
    expiry_date INTEGER NOT NULL
);
