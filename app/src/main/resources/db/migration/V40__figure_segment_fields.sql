-- Segment fields that express every figure of the insight pages (docs/segments.md): where a buyer first appears on
-- the Pareto curve (stored with each score row: a rank over the whole run), and the churn cells (month and grade) a
-- customer churned in. Runs scored before this migration have no Pareto percent.
alter table customer_score add column pareto_percent smallint;
alter table segment_customer add column pareto_percent smallint;
alter table segment_customer add column churn_cells text[] not null default '{}';
update segment_summary set stale = true;
