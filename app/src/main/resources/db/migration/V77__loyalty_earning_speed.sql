-- Earning at import speed (docs/benchmarks.md, loyalty): every receipt of a member writes one qualification row in
-- its chunk's transaction, and the foreign-key checks of those rows (one lookup per row and key) took more than half
-- of that insert. Written in bulk like loyalty_entry, so without foreign keys: the rows are written only by the
-- earning, from accounts it has just locked (accounts are never deleted) and tiers it has just read (a tier named
-- by a qualification row cannot be deleted: LoyaltyTiers.delete).
alter table loyalty_qualification drop constraint loyalty_qualification_account_id_fkey;
alter table loyalty_qualification drop constraint loyalty_qualification_tier_id_fkey;
