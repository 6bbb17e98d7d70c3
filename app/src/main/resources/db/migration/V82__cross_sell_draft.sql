-- Drafts made from a rule through the API with an Idempotency-Key (merchandising): a retry answers the draft made
-- first instead of making another.
create table cross_sell_draft (
    idempotency_key text primary key,
    campaign_id     bigint not null references campaign on delete cascade,
    created_at      timestamptz not null,
    created_by      text not null
);
