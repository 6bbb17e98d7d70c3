-- Customer profit net of marketing (issue 19, item 6): each score row keeps the customer's share of direct campaign
-- costs (their contacts, and the booked costs of the campaigns that reached them) and of allocated indirect costs
-- over the lookback, and the net profit. `profit` stays the profit the run's grades ranked (gross or net, by the
-- run's parameters); rows of runs before this version have no marketing figures (null), their profit is gross.
alter table customer_score add column marketing_direct_cost numeric(14, 2);
alter table customer_score add column marketing_allocated_cost numeric(14, 2);
alter table customer_score add column net_profit numeric(14, 2);
