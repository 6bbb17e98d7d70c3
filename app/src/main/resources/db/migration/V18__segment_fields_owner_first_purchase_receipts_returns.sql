-- Segment fields added by their descriptions (StandardFields): the account manager (owner), the first purchase's
-- day, and two tallies over the receipts' days: every receipt, and the returns. The summary keeps its rows until the
-- worker rebuilds it (marked stale here, so nothing reads the new columns before they are filled).
alter table segment_customer add column owner_username text;
alter table segment_customer add column first_purchase date;
alter table segment_customer add column receipts integer[] not null default '{}';
alter table segment_customer add column returns integer[] not null default '{}';
update segment_summary set stale = true;
