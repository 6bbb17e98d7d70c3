-- Privacy (GDPR Art. 15, 17, 20): an erased customer stays as an anonymous tombstone (its id keeps campaign counts
-- and survey ratings; its receipts are detached), and the addresses it held stay suppressed as hashes only.
-- an address's suppression key as a hash: immutable in fact (UTF-8 named explicitly), declared so to be indexable
create function clientele_address_hash(key text) returns text language sql immutable strict parallel safe as $$
    select 'sha256:' || encode(sha256(convert_to(key, 'UTF8')), 'hex')
$$;

alter table customer
    add column erased_at  timestamptz,
    -- what an erased person's address is suppressed as: the match key's SHA-256, never the address itself
    add column email_hash text generated always as (
        clientele_address_hash(nullif(lower(btrim(email)), ''))
    ) stored,
    add column phone_hash text generated always as (
        case when length(regexp_replace(phone, '\D', '', 'g')) >= 6
             then clientele_address_hash(regexp_replace(phone, '\D', '', 'g')) end
    ) stored;
create index customer_email_hash_idx on customer (email_hash) where email_hash is not null;
create index customer_phone_hash_idx on customer (phone_hash) where phone_hash is not null;
-- prospects who never bought, oldest first, for the retention job
create index customer_prospect_idx on customer (created_at) where last_purchase_at is null and erased_at is null;
