-- The sales explorer's daily rollup (merchandising, docs/sales-analysis.md): the receipts' lines summed by day (in
-- the app's zone), store, salesperson, product and price band, kept up to date by the receipts participant in the
-- transaction that stores them; a pivot whose dimensions allow it reads these instead of the lines. Built from the
-- lines at start whenever sales_rollup_state does not name the app's zone (so here it is only created).
create table sales_day (
    day            date    not null,
    store_id       integer not null,
    salesperson_id integer,
    product_id     integer not null,
    price_band     text    not null,
    revenue        numeric not null,
    gross_profit   numeric not null,
    units          bigint  not null,
    constraint sales_day_key unique nulls not distinct (day, store_id, salesperson_id, product_id, price_band)
);

-- Receipts are counted once per value they hold: facet '' counts each receipt once; BRAND, MODEL, CATEGORY and
-- PRICE_BAND count it once under each value its lines have (a receipt has one day, store and salesperson, so these
-- counts add up over days, stores and salespeople, not over values).
create table sales_day_receipts (
    day             date    not null,
    store_id        integer not null,
    salesperson_id  integer,
    facet           text    not null,
    value           text    not null,
    sale_receipts   bigint  not null,
    return_receipts bigint  not null,
    constraint sales_day_receipts_key unique nulls not distinct (day, store_id, salesperson_id, facet, value)
);

-- The zone the rollup's days are in; null until it is first built.
create table sales_rollup_state (
    id       integer primary key check (id = 1),
    zone     text,
    built_at timestamptz
);
insert into sales_rollup_state (id) values (1);
