-- A launch enters up to millions of customers in one insert … select, and every tick moves them in batches of 10,000
-- with one path row per move. The foreign keys checked each row once more (the path's key against its position, the
-- position's customer and campaign): a quarter of a move, half of an entry. Positions are only inserted from the
-- customer table and the journey's own launch or tick, and path rows only with the move of their position, in the
-- statement that reads them; so the keys' cascades are kept by statement-level triggers instead, as for campaign
-- members (V13_1): deleting a campaign or customers (an erasure, a merge) deletes their positions, and deleting
-- positions deletes their path, in one statement however many there are. A merge moves the path with its position.
alter table journey_path drop constraint journey_path_campaign_id_customer_id_entry_fkey;
alter table journey_position
    drop constraint journey_position_campaign_id_fkey,
    drop constraint journey_position_customer_id_fkey;

create function journey_path_of_deleted_positions() returns trigger language plpgsql as $$
begin
    delete from journey_path j using deleted_positions d
    where j.campaign_id = d.campaign_id and j.customer_id = d.customer_id and j.entry = d.entry;
    return null;
end $$;

create trigger journey_position_deletes_path
    after delete on journey_position referencing old table as deleted_positions
    for each statement execute function journey_path_of_deleted_positions();

create function journey_position_of_deleted_customers() returns trigger language plpgsql as $$
begin
    delete from journey_position p using deleted_customers d where p.customer_id = d.id;
    return null;
end $$;

create trigger customer_deletes_journey_positions
    after delete on customer referencing old table as deleted_customers
    for each statement execute function journey_position_of_deleted_customers();

create function journey_position_of_deleted_campaigns() returns trigger language plpgsql as $$
begin
    delete from journey_position p using deleted_campaigns d where p.campaign_id = d.id;
    return null;
end $$;

create trigger campaign_deletes_journey_positions
    after delete on campaign referencing old table as deleted_campaigns
    for each statement execute function journey_position_of_deleted_campaigns();
