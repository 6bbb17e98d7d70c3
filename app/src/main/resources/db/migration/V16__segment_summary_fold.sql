-- The summary kept current between rebuilds: a fold rewrites only the rows of customers marked in segment_dirty
-- and counts a revision. segment_change remembers, per customer, the revision that last rewrote their row, so that
-- the audience index held in memory reads only those rows again (a delta over the index it read at a revision).
alter table segment_summary add column revision bigint not null default 0;
alter table segment_summary add column folded_at timestamptz;

create table segment_change (
    customer_id bigint primary key,
    revision    bigint not null
);
