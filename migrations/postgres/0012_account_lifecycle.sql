-- Changing the address (a link mailed to the new one), an avatar, and deleting an account
-- (src/accounts/deletion.rs).
--
-- A deleted account keeps its row, emptied of everything personal, so that what the member
-- contributed stays, credited to "a former member".
ALTER TABLE accounts ADD COLUMN deleted_at TIMESTAMPTZ;

-- The storage key of the member's square avatar (src/members/avatar.rs); NULL shows initials.
ALTER TABLE accounts ADD COLUMN avatar_key TEXT;

ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('confirm_email', 'reset_password', 'change_email'));
-- the address a change_email link moves the account to
ALTER TABLE account_links ADD COLUMN new_email TEXT;
