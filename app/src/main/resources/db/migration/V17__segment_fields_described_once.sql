-- Segment fields are described once in the application (SegmentField) and every way of counting derives its work
-- from those descriptions: the summary's columns are named by them and filled by one statement built from them.
-- The summary is rebuilt from scratch by the worker: its rows are dropped here, and nothing uses the summary until
-- the rebuild writes its row in segment_summary again.
--   * region and home store hold the codes (a code change marks the summary stale), customer_since and
--     last_purchase the days in the summary's zone;
--   * segment_term's level is the term column's name, any name;
--   * the campaign fields (contacted, responded, ...) are term columns too, kept current by marks on the campaign
--     members sent and the responses recorded.
delete from segment_change;
delete from segment_dirty;
delete from segment_term;
delete from segment_summary;
drop table segment_customer;

-- Column order matters: PostgreSQL decodes a row up to the last column a condition names, so fixed-width and
-- often-used columns come first and the long tail (addresses, attributes) last.
create table segment_customer (
    id                    bigint primary key,
    consent_email         boolean not null,
    consent_sms           boolean not null,
    consent_mail          boolean not null,
    consent_phone         boolean not null,
    churned               boolean,
    r                     smallint,
    f                     smallint,
    m                     smallint,
    loyalty               smallint,
    birth_date            date,
    customer_since        date not null,
    last_purchase         date,
    p_alive               numeric(6, 5),
    clv_12m               numeric(14, 2),
    satisfaction          numeric(6, 3),
    grade                 text,
    rfm_segment           text,
    satisfaction_level    text,
    matrix_class          text,
    gender                text,
    income_band           text,
    education             text,
    city                  text,
    occupation            text,
    region                text,
    home_store            text,
    -- days (in the summary's zone) with a sale or return, ascending; each tally its running total at each day
    days                  date[] not null,
    purchases             integer[] not null,
    spent                 numeric[] not null,
    -- term columns: code * span + (day - first_day), ascending and distinct, codes from segment_term
    bought_categories     integer[] not null,
    bought_brands         integer[] not null,
    bought_products       integer[] not null,
    campaign_contacted    integer[] not null default '{}',
    campaign_responded    integer[] not null default '{}',
    campaign_opened       integer[] not null default '{}',
    campaign_clicked      integer[] not null default '{}',
    campaign_unsubscribed integer[] not null default '{}',
    campaign_redeemed     integer[] not null default '{}',
    tags                  text[] not null,
    postal_code           text,
    email                 text,
    phone                 text,
    custom_attributes     jsonb not null
);

alter table segment_term drop constraint segment_term_level_check;

create trigger segment_region_change after update on region
    for each row when (old.code is distinct from new.code) execute function segment_mark_stale();
create trigger segment_store_change after update on store
    for each row when (old.code is distinct from new.code) execute function segment_mark_stale();

create function segment_mark_sent_members() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct customer_id
    from (select customer_id from new_rows where send_status = 'SENT'
          union select customer_id from old_rows where send_status = 'SENT') sent;
    return null;
end $$;

create function segment_mark_old_sent_members() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct customer_id from old_rows where send_status = 'SENT';
    return null;
end $$;

create trigger segment_member_update after update on campaign_member
    referencing old table as old_rows new table as new_rows
    for each statement execute function segment_mark_sent_members();
create trigger segment_member_delete after delete on campaign_member
    referencing old table as old_rows for each statement execute function segment_mark_old_sent_members();

create trigger segment_response_insert after insert on campaign_response
    referencing new table as new_rows for each statement execute function segment_mark_new_customer_id();
create trigger segment_response_update after update on campaign_response
    referencing old table as old_rows new table as new_rows
    for each statement execute function segment_mark_changed_customer_id();
create trigger segment_response_delete after delete on campaign_response
    referencing old table as old_rows for each statement execute function segment_mark_old_customer_id();
