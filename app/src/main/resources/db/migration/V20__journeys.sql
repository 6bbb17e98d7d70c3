-- Journeys: a journey is a campaign (kind JOURNEY) whose steps form a directed graph. Its plan, budget and approval
-- are the campaign's; the graph is versioned here, and each SEND node is a campaign step whose members are admitted
-- one batch at a time as customers reach the node (docs/journeys.md).

alter table campaign
    add column kind text not null default 'CAMPAIGN' check (kind in ('CAMPAIGN', 'JOURNEY'));
-- a running journey can be paused (nothing advances, nothing of it is sent) and resumed
alter table campaign drop constraint campaign_status_check;
alter table campaign add constraint campaign_status_check
    check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED',
                      'CANCELLED'));

-- a step that admits members while its campaign runs (a journey's SEND node) is never complete on its own: the send
-- workers keep finding it, and it is opened empty at launch instead of frozen from the audience
alter table campaign_step add column admits boolean not null default false;

-- the graph as the editor and the API send it; a version is immutable once submitted (submitted_at set)
create table journey_version (
    campaign_id  bigint not null references campaign on delete cascade,
    version      integer not null check (version >= 1),
    graph        jsonb not null,
    saved_by     text not null,
    saved_at     timestamptz not null,
    submitted_at timestamptz,
    submitted_by text,
    -- new entrants enter by the latest approved version: the first with the plan (at launch), a later one of a running
    -- journey on its own, by someone other than who submitted it
    approved_at  timestamptz,
    approved_by  text,
    primary key (campaign_id, version)
);

-- a submitted version's nodes and edges as rows, for the engine's set-based moves; a SEND node's (or an A/B split's)
-- campaign steps
create table journey_node (
    campaign_id bigint not null,
    version     integer not null,
    node_id     text not null,
    kind        text not null check (kind in ('ENTRY', 'SEND', 'WAIT', 'DECISION', 'SPLIT', 'ACTION', 'GOAL', 'EXIT')),
    config      jsonb not null,
    step_id     bigint references campaign_step on delete set null,
    -- an A/B split's second material
    step_b_id   bigint references campaign_step on delete set null,
    -- an A/B split's winner (A or B), chosen once
    winner      text check (winner in ('A', 'B')),
    primary key (campaign_id, version, node_id),
    foreign key (campaign_id, version) references journey_version on delete cascade
);

create table journey_edge (
    campaign_id bigint not null,
    version     integer not null,
    from_node   text not null,
    to_node     text not null,
    branch      text,
    foreign key (campaign_id, version, from_node) references journey_node on delete cascade,
    foreign key (campaign_id, version, to_node) references journey_node on delete cascade
);
create unique index journey_edge_from_idx on journey_edge (campaign_id, version, from_node, coalesce(branch, ''));

-- where each customer stands: one row per journey, customer and entry. The engine moves a row only under its row lock
-- (for update skip locked) and only from the node and move number it read, so a move happens once.
create table journey_position (
    campaign_id bigint not null references campaign on delete cascade,
    customer_id bigint not null references customer on delete cascade,
    entry       integer not null check (entry >= 1),
    version     integer not null,
    node_id     text not null,
    -- how many moves so far; the path row of each move carries it
    seq         integer not null default 0,
    entered_at  timestamptz not null,
    arrived_at  timestamptz not null,
    -- when the node acts on it: at once, at the end of a wait, at a decision's time limit
    due_at      timestamptz not null,
    -- why it came here: the branch taken, the entry rule
    reason      text not null,
    -- ACTIVE until it reaches a goal or an exit (DONE)
    state       text not null default 'ACTIVE' check (state in ('ACTIVE', 'DONE')),
    primary key (campaign_id, customer_id, entry)
);
create index journey_position_due_idx on journey_position (campaign_id, node_id, due_at) where state = 'ACTIVE';
create index journey_position_customer_idx on journey_position (customer_id);

-- the path: one row per node passed (its arrival), per entry and move. It references its position, not the customer:
-- the position's row is locked by the move already, where a key-share lock on the customer's row for every move
-- would write to the customer table (half the time of a move); deletes and merges follow the position (cascade).
create table journey_path (
    campaign_id bigint not null,
    customer_id bigint not null,
    entry       integer not null,
    seq         integer not null,
    node_id     text not null,
    from_node   text,
    branch      text,
    at          timestamptz not null,
    primary key (campaign_id, customer_id, entry, seq),
    foreign key (campaign_id, customer_id, entry) references journey_position on delete cascade on update cascade
);
create index journey_path_node_idx on journey_path (campaign_id, node_id);

-- survey answers the decisions read: filled by a listener of the survey feature's SurveyAnswered event once it exists
create table journey_survey_answer (
    survey_id   bigint not null,
    customer_id bigint not null references customer on delete cascade,
    question    text not null,
    rating      integer,
    answered_at timestamptz not null,
    primary key (survey_id, customer_id, question)
);
create index journey_survey_answer_customer_idx on journey_survey_answer (customer_id, survey_id, answered_at);
