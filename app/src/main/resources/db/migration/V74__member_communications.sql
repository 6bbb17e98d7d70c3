-- Member communications (docs/loyalty.md, "Member communications"): six triggered programmes, each a campaign of
-- kind PROGRAMME approved once, whose sends are steps opened per occasion (a month's statements, a year's birthday
-- greetings…) and admitted to as members' occasions come.
alter table campaign drop constraint campaign_kind_check;
alter table campaign add constraint campaign_kind_check check (kind in ('CAMPAIGN', 'JOURNEY', 'PROGRAMME'));

-- One row per programme, created with its campaign; its settings are part of what is approved.
create table member_programme (
    kind         text primary key
                 check (kind in ('WELCOME', 'STATEMENT', 'EXPIRING', 'TIER_CHANGE', 'BIRTHDAY', 'NEWSLETTER')),
    campaign_id  bigint not null unique references campaign,
    -- EXPIRING: how many days before a lot expires its warning goes out
    days_before  integer not null default 30 check (days_before between 1 and 365),
    -- BIRTHDAY: the bonus points that come with the greeting (0: the material's offer only)
    bonus_points bigint not null default 0 check (bonus_points between 0 and 1000000),
    -- STATEMENT, NEWSLETTER: the day of the month they go out
    send_day     integer not null default 1 check (send_day between 1 and 28),
    updated_at   timestamptz not null,
    updated_by   text not null
);

-- One row per member and occasion: the unique key is what makes a retried trigger send nothing twice (one welcome,
-- one statement a month, one warning a lot, one greeting a year). The figures are those the message is about, as of
-- the trigger, and what its placeholders show.
create table member_message (
    id              bigint generated always as identity primary key,
    programme       text not null references member_programme,
    customer_id     bigint not null references customer on delete cascade,
    occasion        text not null,
    -- the programme's step (one per batch: a month, a year, a day) the member was admitted to
    batch           text not null,
    step_id         bigint,
    triggered_at    timestamptz not null,
    statement_month date,
    opening         bigint,
    earned          bigint,
    redeemed        bigint,
    expired         bigint,
    closing         bigint,
    expiring_points bigint,
    expiring_on     date,
    bonus_points    bigint,
    unique (programme, customer_id, occasion)
);
create index member_message_customer_idx on member_message (customer_id, programme, triggered_at desc);
create index member_message_step_idx on member_message (step_id);
