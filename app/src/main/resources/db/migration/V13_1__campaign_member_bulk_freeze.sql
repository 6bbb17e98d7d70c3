-- A launch freezes a step's members, up to millions, in one insert … select. The two foreign keys of campaign_member
-- checked the step and the customer once per row (and locked every customer row), half the time of a 1M-member
-- freeze. Members are only ever inserted from the customer table and the campaign's own steps, in the transaction
-- that reads them, so the keys' cascades are kept by statement-level triggers instead: deleting steps (or their
-- campaign) or customers (a merge) still deletes their members, in one statement however many there are.
alter table campaign_member
    drop constraint campaign_member_step_id_fkey,
    drop constraint campaign_member_customer_id_fkey;

create function campaign_member_of_deleted_steps() returns trigger language plpgsql as $$
begin
    delete from campaign_member m using deleted_steps d where m.step_id = d.id;
    return null;
end $$;

create trigger campaign_step_deletes_members
    after delete on campaign_step referencing old table as deleted_steps
    for each statement execute function campaign_member_of_deleted_steps();

create function campaign_member_of_deleted_customers() returns trigger language plpgsql as $$
begin
    delete from campaign_member m using deleted_customers d where m.customer_id = d.id;
    return null;
end $$;

create trigger customer_deletes_campaign_members
    after delete on customer referencing old table as deleted_customers
    for each statement execute function campaign_member_of_deleted_customers();

-- only a coupon step's members hold a code: the column's unique constraint indexed the NULL of every other member
-- (a million index entries a 1M-member freeze wrote for nothing); a partial unique index keeps codes unique
alter table campaign_member drop constraint campaign_member_coupon_code_key;
create unique index campaign_member_coupon_code_idx on campaign_member (coupon_code) where coupon_code is not null;
