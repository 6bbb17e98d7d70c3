-- Journeys entered by a public form's submission: who submitted which form and when (the latest), kept by the journey
-- feature from the forms feature's FormSubmitted event, what the entry evaluation reads in one statement.
create table journey_form_submission (
    form_id      bigint not null,
    customer_id  bigint not null references customer on delete cascade,
    submitted_at timestamptz not null,
    primary key (form_id, customer_id)
);
create index journey_form_submission_customer_idx on journey_form_submission (customer_id);
