-- A member arriving in a city (at sign-up, or moving there): the city's shakers are told, and
-- list the newcomers of their city (src/members/arrivals.rs).
CREATE TABLE member_arrivals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    city_id BIGINT NOT NULL REFERENCES cities(id),
    arrived_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX member_arrivals_by_city ON member_arrivals (city_id, arrived_at);
CREATE INDEX member_arrivals_by_account ON member_arrivals (account_id, arrived_at);
