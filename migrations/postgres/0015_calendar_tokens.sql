-- The private address of a member's "my events" calendar feed: a random token in the URL, so
-- that calendar apps can subscribe without logging in. Shown again to its member, replaced on
-- demand (which ends the old address).
CREATE TABLE calendar_tokens (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);
