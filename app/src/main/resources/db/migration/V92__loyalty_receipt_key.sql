-- Earning at import speed (docs/benchmarks.md, loyalty, 2026-12-07 late evening): a receipt's EARN or RETURN
-- movement is keyed by its sale id and cause (a bigint in an index the receipts' lookups use anyway) instead of the
-- text key 'sale:<id>' / 'return:<id>' in an index of its own; the other movements keep their text key.
alter table loyalty_movement alter column key drop not null;
alter table loyalty_movement add check (key is not null or cause in ('EARN', 'RETURN'));
alter table loyalty_movement drop constraint loyalty_movement_key_key;
create unique index loyalty_movement_key_idx on loyalty_movement (key) where key is not null;
drop index loyalty_movement_sale_idx;
create unique index loyalty_movement_receipt_idx on loyalty_movement (sale_id, cause)
    where sale_id is not null and cause in ('EARN', 'RETURN');

-- The system side of the receipts a chunk earns is one leg, on one movement per month of the chunk (so that every
-- period still sums to zero), instead of a leg per receipt: balanced_by names that movement on each receipt's
-- movement, whose only leg is then the member's. The legs of a movement and of the movements it balances sum to zero.
alter table loyalty_movement add column balanced_by bigint;

-- the receipts' keys as they now are (an update the append-only trigger would refuse: the ledger's rows themselves,
-- their causes and points, do not change)
alter table loyalty_movement disable trigger loyalty_movement_append_only;
update loyalty_movement set key = null where cause in ('EARN', 'RETURN') and sale_id is not null;
alter table loyalty_movement enable trigger loyalty_movement_append_only;
