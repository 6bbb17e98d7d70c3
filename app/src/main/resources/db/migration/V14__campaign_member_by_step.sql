-- A 1M-member freeze wrote a million entries into this index, a quarter of its time; members are reached through
-- their steps instead (the primary key leads with step_id), and a campaign has a handful of steps.
drop index campaign_member_campaign_idx;
