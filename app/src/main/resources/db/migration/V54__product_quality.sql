-- Complaints and product failures per product and store over a scoring run's lookback, against the units sold
-- there: written by each scoring run (insight), read by the service pages and the API. Store is null for
-- complaints whose store is not known (no receipt named).
create table product_quality (
    run_id     bigint not null references score_run on delete cascade,
    product_id integer not null references product,
    store_id   integer references store,
    units_sold bigint not null,
    complaints integer not null,
    failures   integer not null
);
create index product_quality_run_idx on product_quality (run_id, product_id);
