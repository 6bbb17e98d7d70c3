-- Precomputed campaign figures (issue 19): the comparison page and the period report read one row per campaign
-- instead of recomputing attribution over every receipt. `figures` holds the Performance figures per attribution
-- model (FIRST_TOUCH, LAST_TOUCH, EVEN, POSITION_BASED) for `window_days`, computed by the live code at
-- `computed_at`; `settings` fingerprints the contact costs they were computed with. A row is recomputed when its
-- campaign's inputs changed (docs/roi.md, "Precomputed figures").
create table campaign_figures (
    campaign_id bigint primary key references campaign on delete cascade,
    window_days integer not null,
    settings    text not null,
    computed_at timestamptz not null,
    stale       boolean not null default false,
    figures     jsonb not null
);

-- What the last refresh saw: receipts and responses up to these ids, other changes up to refreshed_at.
create table campaign_figures_watermark (
    id           smallint primary key check (id = 1),
    sale_id      bigint not null,
    response_id  bigint not null,
    refreshed_at timestamptz not null
);
insert into campaign_figures_watermark values (1, 0, 0, '1970-01-01T00:00:00Z');
