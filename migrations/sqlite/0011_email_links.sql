-- Links sent by mail (src/accounts/links.rs): confirming the address given at sign-up, and
-- choosing a new password. Only a hash of each token is kept, so a copy of the database opens
-- no account; a token is used once and expires.
ALTER TABLE accounts ADD COLUMN email_confirmed_at TEXT;
-- Sessions remember the epoch they started in; raising it ends every session of the account.
ALTER TABLE accounts ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
-- Accounts made before confirmation existed were trusted as they were.
UPDATE accounts SET email_confirmed_at = created_at;

CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password')),
    expires_at TEXT NOT NULL,
    used_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX account_links_by_account ON account_links (account_id, purpose);
