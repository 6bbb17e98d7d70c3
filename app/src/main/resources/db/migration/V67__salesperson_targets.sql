-- Revenue targets of salespeople per month or quarter (merchandising's appraisal: actual against target). Set on the
-- appraisal page, by API or from a CSV file, by marketing managers and store managers (their stores' salespeople).
create table salesperson_target (
    salesperson_id integer not null references salesperson,
    period_kind    text not null check (period_kind in ('MONTH', 'QUARTER')),
    -- the first day of the month or quarter
    period_start   date not null check (extract(day from period_start) = 1),
    revenue        numeric(14, 2) not null check (revenue >= 0),
    updated_by     text not null,
    updated_at     timestamptz not null,
    primary key (salesperson_id, period_kind, period_start)
);
