-- Whether a score row's satisfaction was measured from the customer's own ratings (MEASURED) or estimated from
-- their behaviour, service signals and similar customers' ratings (ESTIMATED); null where there is none, and in
-- the rows of runs from before the estimate (their satisfaction is all measured).
alter table customer_score add column satisfaction_source text;
