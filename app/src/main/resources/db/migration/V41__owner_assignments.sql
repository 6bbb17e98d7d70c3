-- Account managers assigned in bulk to a one-to-one class of the 3x3 matrix (strategy.OwnerAssignments): one row per
-- assignment, what was asked and what was dealt. The idempotency key makes a retried request answer the first result.
create table owner_assignment (
    id               bigserial primary key,
    idempotency_key  text unique,
    request          jsonb not null,
    run_id           bigint not null,
    matrix_class     text not null,
    rule             text not null check (rule in ('STORE', 'ROUND_ROBIN')),
    salespeople      text[] not null,
    capacity         integer,
    assigned         integer not null,
    unassigned       integer not null,
    by_salesperson   jsonb not null,
    assigned_by      text not null,
    assigned_at      timestamptz not null
);
create index owner_assignment_class_idx on owner_assignment (matrix_class, assigned_at);
