-- The next best product per customer (merchandising, docs/sales-analysis.md): refreshed after each scoring run from
-- the product-level rules of the run's last 365 days. Only changed rows are written, so the triggers mark only the
-- customers whose product changed for the segment summary.
create table next_best_product (
    customer_id        bigint primary key references customer on delete cascade,
    product_id         integer not null references product,
    because_product_id integer not null references product,
    lift               double precision not null,
    margin             numeric(12, 2) not null,
    score              double precision not null
);

-- the segment field next_best_product: the product's SKU in the summary
alter table segment_customer add column next_best_product text;
update segment_summary set stale = true;

create trigger segment_next_best_insert after insert on next_best_product
    referencing new table as new_rows for each statement execute function segment_mark_new_customer_id();
create trigger segment_next_best_update after update on next_best_product
    referencing old table as old_rows new table as new_rows
    for each statement execute function segment_mark_changed_customer_id();
create trigger segment_next_best_delete after delete on next_best_product
    referencing old table as old_rows for each statement execute function segment_mark_old_customer_id();
