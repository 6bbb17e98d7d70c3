-- The candidate step of knowledge-base search (V73) built its bitmap of body matches whole before taking the first
-- `bound` rows: for two words found in 42,000 of 100,000 articles the GIN scan alone took 41 ms of CPU on a quiet
-- machine (`EXPLAIN (ANALYZE, BUFFERS)`, see docs/benchmarks.md), most of an English query's time, and the count
-- ran it again. `gin_fuzzy_search_limit` lets a GIN scan whose terms it predicts to match more than about that many
-- entries return a random subset (2–6 ms for the same query at 1,500–3,000); a query of rarer terms — every Chinese phrase of the
-- bench, most real English words — is answered whole as before. It is set on the body matches only, so that the
-- title matches, which rank first, stay complete: a common query's first pages are the same as before, and the
-- body-only matches ranked above the bound, an arbitrary sample before (the first in the table's order), are a
-- random one now.
create function kb_search_title_candidates(query tsquery, public_only boolean, lang text, bound integer)
    returns table (id bigint)
    language sql stable
    set enable_seqscan = off
    set enable_indexscan = off
as $$
    select a.id from kb_article a
    where ts_filter(a.search, '{a}') @@ query
      and (not public_only or a.visibility = 'PUBLIC') and (lang is null or a.language = lang)
    limit bound
$$;

create function kb_search_body_candidates(query tsquery, public_only boolean, lang text, bound integer)
    returns table (id bigint)
    language sql stable
    set enable_seqscan = off
    set enable_indexscan = off
    set gin_fuzzy_search_limit = 2000
as $$
    select a.id from kb_article a
    where a.search @@ query
      and (not public_only or a.visibility = 'PUBLIC') and (lang is null or a.language = lang)
    limit bound
$$;

create or replace function kb_search_candidates(query tsquery, public_only boolean, lang text, bound integer)
    returns table (id bigint, in_title boolean)
    language sql stable
as $$
    select t.id, true from kb_search_title_candidates(query, public_only, lang, bound) t
    union all
    select b.id, false from kb_search_body_candidates(query, public_only, lang, bound) b
$$;
