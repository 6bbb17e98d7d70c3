-- The all-terms check of a knowledge-base search looks up a candidate's weight for a term it was not among the best
-- entries of, by (term, article). With the weight in that key's index the lookup is an index-only scan: it no longer
-- visits the table (1.3 GB at 100,000 articles), about half the pages a lookup read (docs/benchmarks.md).
create unique index kb_term_key on kb_term (term, article_id) include (weight);
alter table kb_term drop constraint kb_term_pkey, add constraint kb_term_pkey primary key using index kb_term_key;
