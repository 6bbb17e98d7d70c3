-- The whole active queue (no queue or assignee chosen) in the order of the next target, read from an index instead
-- of sorting every active request (docs/benchmarks.md, service desk).
create index service_request_due_idx on service_request (due_at, id) where due_at is not null;
