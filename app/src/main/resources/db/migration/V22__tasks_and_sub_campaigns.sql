-- Tasks: follow-ups for named users (a journey's hand-over to a presales or sales group, a lead until leads exist).
-- One task per origin and customer: an origin names what created it (a journey node and the customer's entry), so
-- a retried action creates nothing twice.
create table task (
    id          bigserial primary key,
    customer_id bigint not null references customer on delete cascade,
    kind        text not null check (kind in ('FOLLOW_UP', 'LEAD')),
    title       text not null,
    assignee    text not null,
    campaign_id bigint,
    origin      text not null,
    status      text not null default 'OPEN' check (status in ('OPEN', 'DONE')),
    created_at  timestamptz not null,
    unique (origin, customer_id)
);
create index task_assignee on task (assignee, status);
create index task_customer on task (customer_id);

-- Sub-campaigns: a child campaign started by a journey's node, its budget drawn from the parent's; the customers who
-- reach the node are its entrants, the audience it launches with.
alter table campaign add column parent_campaign_id bigint references campaign, add column parent_node text;
create unique index campaign_parent_node on campaign (parent_campaign_id, parent_node)
    where parent_campaign_id is not null;

create table campaign_entrant (
    campaign_id bigint not null references campaign on delete cascade,
    customer_id bigint not null references customer on delete cascade,
    entered_at  timestamptz not null,
    primary key (campaign_id, customer_id)
);
