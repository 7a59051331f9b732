-- A member is at most one founder of an initiative: two claims sent at once cannot both link
-- the same member (src/initiatives/founders). Founders without a member (NULL) are not counted.
CREATE UNIQUE INDEX initiative_founders_one_per_member ON initiative_founders (initiative_id, account_id);
