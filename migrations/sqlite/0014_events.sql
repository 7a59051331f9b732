-- The shakers' events (src/events): a local event presents initiatives from the database;
-- people sign up, up to the capacity, then on a waitlist that is promoted in order.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    organiser_id INTEGER NOT NULL REFERENCES accounts(id),
    title TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN
        ('inspiration_cafe', 'creative_workshop', 'action_day', 'shake_workshop', 'other')),
    -- safe Markdown, in `language`
    description TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    -- UTC instants; `timezone` (IANA) is the zone they were typed in and are shown in
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    timezone TEXT NOT NULL,
    city_id INTEGER NOT NULL REFERENCES cities(id),
    address TEXT NOT NULL DEFAULT '',
    -- the map pin; the city's centre unless the organiser placed it
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    online_url TEXT NOT NULL DEFAULT '',
    -- NULL: no limit
    capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
    -- a sign-up brings at most this many people (the person included)
    max_party_size INTEGER NOT NULL DEFAULT 1 CHECK (max_party_size BETWEEN 1 AND 20),
    -- seats held by confirmed (and checked-in) sign-ups, kept in the sign-up transaction;
    -- the CHECK is the last guard against overbooking
    seats_taken INTEGER NOT NULL DEFAULT 0,
    signup_deadline TEXT,
    accessibility TEXT NOT NULL DEFAULT '',
    -- when the reminder is due (NULL: none) and when it was queued
    remind_at TEXT,
    reminded_at TEXT,
    cancelled_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (seats_taken >= 0 AND (capacity IS NULL OR seats_taken <= capacity))
);
CREATE INDEX events_by_start ON events (starts_at);
CREATE INDEX events_by_city ON events (city_id, starts_at);
CREATE INDEX events_by_organiser ON events (organiser_id);
CREATE INDEX events_reminders_due ON events (remind_at) WHERE reminded_at IS NULL;

CREATE TABLE event_co_organisers (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, account_id)
);
CREATE INDEX event_co_organisers_by_account ON event_co_organisers (account_id);

-- the languages spoken at the event, in the organiser's order
CREATE TABLE event_languages (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, language)
);
CREATE INDEX event_languages_by_language ON event_languages (language);

-- the inspiration deck: initiatives presented, in order
CREATE TABLE event_initiatives (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, initiative_id)
);
CREATE INDEX event_initiatives_by_initiative ON event_initiatives (initiative_id);

CREATE TABLE event_signups (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    -- a member, or a visitor known by name and address (confirmed by a mailed link)
    account_id INTEGER REFERENCES accounts(id),
    guest_name TEXT,
    guest_email TEXT,
    -- the interface language of a visitor's sign-up: their mails are written in it
    guest_language TEXT,
    -- pending: a visitor's address not confirmed yet; attended: checked in
    status TEXT NOT NULL CHECK (status IN
        ('pending', 'confirmed', 'waitlisted', 'cancelled', 'removed', 'attended')),
    -- six characters without look-alikes, told at sign-up, typed at check-in
    code TEXT NOT NULL,
    party_size INTEGER NOT NULL CHECK (party_size >= 1),
    -- seen by the organisers only; emptied 30 days after the event
    access_needs TEXT NOT NULL DEFAULT '',
    access_flags TEXT NOT NULL DEFAULT '',
    removal_reason TEXT NOT NULL DEFAULT '',
    -- the SHA-256 of the token in a visitor's links (confirm, cancel)
    guest_token_hash TEXT,
    created_at TEXT NOT NULL,
    -- the waitlist is served in this order
    waitlisted_at TEXT,
    updated_at TEXT NOT NULL,
    CHECK ((account_id IS NULL) = (guest_email IS NOT NULL))
);
CREATE UNIQUE INDEX event_signups_code ON event_signups (event_id, code);
-- one sign-up going on per person and event
CREATE UNIQUE INDEX event_signups_one_per_member ON event_signups (event_id, account_id)
    WHERE account_id IS NOT NULL AND status IN ('pending', 'confirmed', 'waitlisted', 'attended');
CREATE UNIQUE INDEX event_signups_one_per_guest ON event_signups (event_id, guest_email)
    WHERE guest_email IS NOT NULL AND status IN ('pending', 'confirmed', 'waitlisted', 'attended');
CREATE INDEX event_signups_by_account ON event_signups (account_id);
CREATE INDEX event_signups_waitlist ON event_signups (event_id, status, waitlisted_at);
CREATE UNIQUE INDEX event_signups_by_token ON event_signups (guest_token_hash);
