-- The hidden campaign source the registration came with (a campaign invitation's signed token, or a marketer's
-- free text): handed to the campaign with the registration and again with the check-in, which the campaign verifies.
alter table event_registration add column campaign_source text;
