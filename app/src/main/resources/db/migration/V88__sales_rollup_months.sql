-- The sales explorer's rollup at two grains (merchandising, docs/sales-analysis.md#the-rollup), in place of V81's
-- daily one, whose rows were as many as the lines on realistic receipts (one per day, store, salesperson, product).
-- Each row sums the lines of a day ('D') or a month ('M', day = its first day) in the app's zone and one store, and
-- counts their receipts, under one facet value: facet '' is whole receipts, kept per salesperson; BRAND, CATEGORY
-- and PRICE_BAND count a receipt once under each value its lines hold and sum only those lines, over all salespeople
-- (salesperson_id null). Models are not kept: a store's month has nearly a row per line of them, which the upkeep
-- would pay for every line. A receipt has one day and store, so every measure adds up over days, months and stores;
-- within a facet the receipt counts do not add up across values.
drop table sales_day;
drop table sales_day_receipts;

create table sales_rollup (
    grain           char(1) not null check (grain in ('D', 'M')),
    day             date    not null,
    store_id        integer not null,
    salesperson_id  integer,
    facet           text    not null,
    value           text    not null,
    revenue         numeric not null,
    gross_profit    numeric not null,
    units           bigint  not null,
    sale_receipts   bigint  not null,
    return_receipts bigint  not null,
    constraint sales_rollup_key unique nulls not distinct (grain, facet, day, store_id, salesperson_id, value)
);

-- built again from the lines at the next start
update sales_rollup_state set zone = null, built_at = null;
