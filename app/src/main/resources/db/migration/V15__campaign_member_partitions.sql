-- A launch freezes each step's members into a table of its own, created, filled and then attached as a partition of
-- campaign_member: the indexes are built once over the loaded rows (a sort) instead of growing by a million single
-- inserts, and a table created in the launch's transaction needs no WAL for its rows when wal_level is minimal (the
-- embedded server's setting). Members stored before this migration, and any inserted without a launch, live in the
-- default partition.
alter table call_attempt drop constraint call_attempt_step_id_customer_id_fkey;

alter table campaign_member rename to campaign_member_default;
alter index campaign_member_pkey rename to campaign_member_default_pkey;
alter index campaign_member_pending_idx rename to campaign_member_default_pending_idx;
alter index campaign_member_customer_idx rename to campaign_member_default_customer_idx;
alter index campaign_member_agent_idx rename to campaign_member_default_agent_idx;
alter index campaign_member_sending_idx rename to campaign_member_default_sending_idx;
-- a unique index of a partitioned table must hold its partition key: codes are kept unique by the code generator,
-- which draws again any code already issued (see Coupons)
drop index if exists campaign_member_coupon_code_idx;
alter table campaign_member_default drop constraint if exists campaign_member_coupon_code_key;

create table campaign_member (like campaign_member_default including defaults including constraints)
    partition by list (step_id);
alter table campaign_member add primary key (step_id, customer_id);
create index campaign_member_pending_idx on campaign_member (step_id, customer_id) where send_status = 'PENDING';
create index campaign_member_customer_idx on campaign_member (customer_id, sent_at) where sent_at is not null;
create index campaign_member_agent_idx on campaign_member (agent, step_id) where agent is not null;
create index campaign_member_sending_idx on campaign_member (claimed_at) where send_status = 'SENDING';
create index campaign_member_coupon_code_idx on campaign_member (coupon_code) where coupon_code is not null;
alter table campaign_member attach partition campaign_member_default default;

alter table call_attempt
    add foreign key (step_id, customer_id) references campaign_member on delete cascade;

-- deleting steps (or their campaign) deletes their members (and so their call attempts) and drops their partitions
create or replace function campaign_member_of_deleted_steps() returns trigger language plpgsql as $$
declare
    step bigint;
begin
    delete from campaign_member m using deleted_steps d where m.step_id = d.id;
    for step in select id from deleted_steps loop
        if to_regclass('campaign_member_s' || step) is not null then
            execute format('alter table campaign_member detach partition %I', 'campaign_member_s' || step);
            execute format('drop table %I', 'campaign_member_s' || step);
        end if;
    end loop;
    return null;
end $$;
