-- Sending: the claims in flight, which the workers look through for those left behind by a stopped worker, and the
-- outbox read newest first per campaign.
create index campaign_member_sending_idx on campaign_member (claimed_at) where send_status = 'SENDING';
create index campaign_outbox_created_idx on campaign_outbox (created_at desc, id desc);
