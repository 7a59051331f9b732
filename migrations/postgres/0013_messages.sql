-- Members writing to each other (src/messages): each message is relayed by mail without either
-- address, and answered on the platform. A conversation is between two members; one may block
-- the other.
CREATE TABLE conversations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    starter_id BIGINT NOT NULL REFERENCES accounts(id),
    recipient_id BIGINT NOT NULL REFERENCES accounts(id),
    created_at TIMESTAMPTZ NOT NULL,
    last_message_at TIMESTAMPTZ NOT NULL,
    CHECK (starter_id <> recipient_id)
);
-- One conversation per pair, whoever started it: its smaller id first.
CREATE UNIQUE INDEX conversations_by_pair ON conversations
    ((CASE WHEN starter_id < recipient_id THEN starter_id ELSE recipient_id END),
     (CASE WHEN starter_id < recipient_id THEN recipient_id ELSE starter_id END));
CREATE INDEX conversations_by_starter ON conversations (starter_id, created_at);
CREATE INDEX conversations_by_recipient ON conversations (recipient_id, last_message_at);

CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    sender_id BIGINT NOT NULL REFERENCES accounts(id),
    -- plain text, shown as typed
    body TEXT NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, sent_at);
CREATE INDEX messages_by_sender ON messages (sender_id, sent_at);

CREATE TABLE member_blocks (
    blocker_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    blocked_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
