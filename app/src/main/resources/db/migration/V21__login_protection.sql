-- Sign-in protection (identity): failed sign-ins counted per account and per client address. The counts and the
-- lockouts live here, not in memory, so that they hold across restarts and across several application processes.
-- The subject of an account is the user name as typed (normalised), whether or not such a user exists, so that
-- refusals never tell an attacker which accounts exist.
create table login_throttle (
    subject_kind    text not null check (subject_kind in ('ACCOUNT', 'ADDRESS')),
    subject         text not null,
    failures        integer not null check (failures >= 0),
    window_start    timestamptz not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz,
    primary key (subject_kind, subject)
);
create index login_throttle_locked_idx on login_throttle (locked_until) where locked_until is not null;

-- The optional second factor (TOTP, RFC 6238): the shared secret encrypted with AES-GCM under a key kept outside
-- the database; confirmed once the person has entered a first valid code, and only then asked for at sign-in. The
-- last step whose code was used is kept so that a code cannot be used twice.
alter table app_user
    add column totp_secret       bytea,
    add column totp_confirmed_at timestamptz,
    add column totp_last_step    bigint;

-- The audit trail page lists newest first, by actor or not (its other filters narrow by entity, which has its index).
create index audit_event_time_idx on audit_event (occurred_at desc, id desc);
create index audit_event_actor_idx on audit_event (actor, occurred_at desc);

-- An API token's own budget of requests a minute; null: clientele.api.rate-limit.per-minute.
alter table api_token add column rate_limit_per_minute integer check (rate_limit_per_minute > 0);
