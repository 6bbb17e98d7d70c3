-- Channels not sent by a server: the calls agents made (one row per attempt, which makes a retried submit count
-- once) and how far the coupon matcher has read the receipts.

create table call_attempt (
    step_id     bigint not null,
    customer_id bigint not null,
    -- the member's attempts before this call: 0 for the first call, 1 for the second…
    attempt     smallint not null,
    outcome     text not null check (outcome in ('INTERESTED', 'NOT_INTERESTED', 'CALL_BACK', 'NO_ANSWER',
                                                 'WRONG_NUMBER', 'DO_NOT_CALL', 'PURCHASED')),
    note        text check (length(note) <= 2000),
    agent       text not null,
    at          timestamptz not null,
    primary key (step_id, customer_id, attempt),
    foreign key (step_id, customer_id) references campaign_member on delete cascade
);

-- one row: the sale id up to which every receipt has been matched against the coupon codes (receipts stored before
-- this migration carry no code issued by a campaign)
create table coupon_match (
    id         smallint primary key check (id = 1),
    sale_id    bigint not null,
    updated_at timestamptz not null
);
insert into coupon_match (id, sale_id, updated_at) select 1, coalesce(max(id), 0), now() from sale;
