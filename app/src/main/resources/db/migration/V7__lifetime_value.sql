-- Predicted lifetime value and defection per customer and run (BG/NBD or Pareto/NBD with Gamma-Gamma): null for
-- a customer who never bought, or when the run's data could not be fitted (the run's summary says why).
alter table customer_score add column p_alive numeric(6, 5);
alter table customer_score add column expected_90 numeric(9, 3);
alter table customer_score add column expected_365 numeric(9, 3);
alter table customer_score add column clv_12m numeric(14, 2);
