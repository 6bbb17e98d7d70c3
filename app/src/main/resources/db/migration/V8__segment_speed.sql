-- Segment counts at millions of customers: one narrow row per customer with everything a condition can ask
-- (profile, consents, tags, the scores of one run, and behaviour as sorted arrays that answer "how many in this
-- window" with two binary searches), rebuilt by SegmentSummary. Exactness does not depend on its freshness: every
-- change to a customer, their consents, tags or receipts marks the customer in segment_dirty (statement triggers,
-- in the writer's own transaction), and a count reads marked customers from the base tables instead.

-- Column order matters: PostgreSQL decodes a row up to the last column a condition names, so fixed-width and
-- often-used columns come first and the long tail (addresses, attributes) last.
create table segment_customer (
    id                 bigint primary key,
    consent_email      boolean not null,
    consent_sms        boolean not null,
    consent_mail       boolean not null,
    consent_phone      boolean not null,
    churned            boolean,
    r                  smallint,
    f                  smallint,
    m                  smallint,
    loyalty            smallint,
    region_id          smallint,
    home_store_id      integer,
    birth_date         date,
    created_at         timestamptz not null,
    last_purchase_at   timestamptz,
    p_alive            numeric(6, 5),
    clv_12m            numeric(14, 2),
    satisfaction       numeric(6, 3),
    grade              text,
    rfm_segment        text,
    satisfaction_level text,
    matrix_class       text,
    gender             text,
    income_band        text,
    education          text,
    city               text,
    occupation         text,
    -- days (in the summary's zone) with a sale or return, ascending; purchases and spent are running totals at
    -- each day: sale receipts, and net amount of sales and returns
    days               date[] not null,
    purchases          integer[] not null,
    spent              numeric[] not null,
    -- what sale receipts sold: code * span + (day - first_day), ascending and distinct, codes from segment_term
    bought_categories  integer[] not null,
    bought_brands      integer[] not null,
    bought_products    integer[] not null,
    tags               text[] not null,
    postal_code        text,
    email              text,
    phone              text,
    custom_attributes  jsonb not null
);

-- Codes of categories, brands and products (by SKU) in the bought_* arrays of the current summary.
create table segment_term (
    level text    not null check (level in ('CATEGORY', 'BRAND', 'PRODUCT')),
    value text    not null,
    code  integer not null,
    primary key (level, value)
);

-- The one row describing the summary: which run's scores it holds, the zone its days are counted in, the day range
-- of its tokens, when it was built; stale when a product's SKU, brand or category changed since.
create table segment_summary (
    singleton    boolean primary key default true check (singleton),
    run_id       bigint,
    zone         text        not null,
    first_day    date        not null,
    span         integer     not null,
    customers    bigint      not null,
    built_at     timestamptz not null,
    build_ms     bigint      not null,
    stale        boolean     not null default false
);

-- Customers whose rows in segment_customer may be out of date. Marks are only ever inserted (a customer may have
-- several), so a refresh deletes exactly the marks its snapshot saw, never one committed after it.
create table segment_dirty (
    customer_id bigint      not null,
    marked_at   timestamptz not null default now()
);
create index segment_dirty_customer_idx on segment_dirty (customer_id);

create function segment_mark_new_customer_id() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct customer_id from new_rows where customer_id is not null;
    return null;
end $$;

create function segment_mark_old_customer_id() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct customer_id from old_rows where customer_id is not null;
    return null;
end $$;

create function segment_mark_changed_customer_id() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct customer_id
    from (select customer_id from old_rows union select customer_id from new_rows) changed
    where customer_id is not null;
    return null;
end $$;

create function segment_mark_new_customer() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct id from new_rows;
    return null;
end $$;

create function segment_mark_old_customer() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct id from old_rows;
    return null;
end $$;

create function segment_mark_new_lines() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct b.customer_id from sale b where b.customer_id is not null
      and b.id in (select sale_id from new_rows);
    return null;
end $$;

create function segment_mark_changed_lines() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct b.customer_id from sale b where b.customer_id is not null
      and b.id in (select sale_id from old_rows union select sale_id from new_rows);
    return null;
end $$;

create function segment_mark_old_lines() returns trigger language plpgsql as $$
begin
    insert into segment_dirty (customer_id)
    select distinct b.customer_id from sale b where b.customer_id is not null
      and b.id in (select sale_id from old_rows);
    return null;
end $$;

create function segment_mark_stale() returns trigger language plpgsql as $$
begin
    update segment_summary set stale = true where not stale;
    return null;
end $$;

create trigger segment_customer_insert after insert on customer
    referencing new table as new_rows for each statement execute function segment_mark_new_customer();
create trigger segment_customer_update after update on customer
    referencing new table as new_rows for each statement execute function segment_mark_new_customer();
create trigger segment_customer_delete after delete on customer
    referencing old table as old_rows for each statement execute function segment_mark_old_customer();

create trigger segment_consent_insert after insert on customer_consent
    referencing new table as new_rows for each statement execute function segment_mark_new_customer_id();
create trigger segment_consent_update after update on customer_consent
    referencing old table as old_rows new table as new_rows
    for each statement execute function segment_mark_changed_customer_id();
create trigger segment_consent_delete after delete on customer_consent
    referencing old table as old_rows for each statement execute function segment_mark_old_customer_id();

create trigger segment_tag_insert after insert on customer_tag
    referencing new table as new_rows for each statement execute function segment_mark_new_customer_id();
create trigger segment_tag_update after update on customer_tag
    referencing old table as old_rows new table as new_rows
    for each statement execute function segment_mark_changed_customer_id();
create trigger segment_tag_delete after delete on customer_tag
    referencing old table as old_rows for each statement execute function segment_mark_old_customer_id();

create trigger segment_sale_insert after insert on sale
    referencing new table as new_rows for each statement execute function segment_mark_new_customer_id();
create trigger segment_sale_update after update on sale
    referencing old table as old_rows new table as new_rows
    for each statement execute function segment_mark_changed_customer_id();
create trigger segment_sale_delete after delete on sale
    referencing old table as old_rows for each statement execute function segment_mark_old_customer_id();

create trigger segment_line_insert after insert on sale_line
    referencing new table as new_rows for each statement execute function segment_mark_new_lines();
create trigger segment_line_update after update on sale_line
    referencing old table as old_rows new table as new_rows
    for each statement execute function segment_mark_changed_lines();
create trigger segment_line_delete after delete on sale_line
    referencing old table as old_rows for each statement execute function segment_mark_old_lines();

create trigger segment_product_change after update on product
    for each row when (old.sku is distinct from new.sku or old.brand is distinct from new.brand
                       or old.category is distinct from new.category)
    execute function segment_mark_stale();
create trigger segment_product_delete after delete on product
    for each row execute function segment_mark_stale();
