-- Knowledge-base search ranks a bounded set of candidates instead of every match (a query of common words matches
-- tens of thousands of articles, and ranking reads each one's whole vector: seconds at 100,000 articles; see
-- docs/benchmarks.md). The candidates: every article whose title matches, through this index on the title's part of
-- the search vector (weight A), and the first `bound` articles matching anywhere, through the index on the whole
-- vector. Both indexes are kept by PostgreSQL in the statement that writes `search`.
create index kb_article_title_search_idx on kb_article using gin (ts_filter(search, '{a}'));

-- The candidate step, visibility and language filtered in the index scan. With LIMIT the planner prefers a
-- sequential (or list-index) scan that stops early, not knowing that testing a row reads its whole vector (often
-- TOASTed): that took longer than ranking. Only bitmap scans here: the GIN index answers without reading a vector.
create function kb_search_candidates(query tsquery, public_only boolean, lang text, bound integer)
    returns table (id bigint, in_title boolean)
    language sql stable
    set enable_seqscan = off
    set enable_indexscan = off
as $$
    (select a.id, true from kb_article a
     where ts_filter(a.search, '{a}') @@ query
       and (not public_only or a.visibility = 'PUBLIC') and (lang is null or a.language = lang)
     limit bound)
    union all
    (select a.id, false from kb_article a
     where a.search @@ query
       and (not public_only or a.visibility = 'PUBLIC') and (lang is null or a.language = lang)
     limit bound)
$$;
