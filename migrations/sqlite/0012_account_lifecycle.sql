-- Changing the address (a link mailed to the new one), an avatar, and deleting an account
-- (src/accounts/deletion.rs).
--
-- A deleted account keeps its row, emptied of everything personal, so that what the member
-- contributed stays, credited to "a former member".
ALTER TABLE accounts ADD COLUMN deleted_at TEXT;

-- The storage key of the member's square avatar (src/members/avatar.rs); NULL shows initials.
ALTER TABLE accounts ADD COLUMN avatar_key TEXT;

-- SQLite cannot change a CHECK: the links table is made again with the new purpose and the
-- address a change_email link moves the account to.
CREATE TABLE account_links_new (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password', 'change_email')),
    new_email TEXT,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO account_links_new (token_hash, account_id, purpose, expires_at, used_at, created_at)
    SELECT token_hash, account_id, purpose, expires_at, used_at, created_at FROM account_links;
DROP TABLE account_links;
ALTER TABLE account_links_new RENAME TO account_links;
CREATE INDEX account_links_by_account ON account_links (account_id, purpose);
