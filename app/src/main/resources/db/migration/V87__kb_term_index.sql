-- Knowledge-base search by an impact-ordered term index (see docs/service.md#knowledge-base). The GIN designs (V73,
-- V86) had to intersect posting lists a third of the corpus long before ranking, or sample them at random; here each
-- article's terms carry a weight computed once when the version is saved, and a query reads only the best few
-- hundred entries of each of its terms through (term, weight desc).
--
-- An article's terms and weights, from its search vector (title A, body B; kb_search_vector): BM25-style, each
-- field's term frequency saturated (k1 = 1.2), the body's normalised by its length (b = 0.75 against 120 words,
-- the bench's and a typical FAQ answer's), the title's weighted three times so that a title match (3.0) always
-- outweighs a body-only match (below 2.2). The term's rarity (inverse document frequency) is applied at query time.
create function kb_term_rows(search tsvector) returns table (term text, weight real)
    language sql immutable parallel safe
as $$
    with t as (select lexeme,
                      cardinality(array_positions(weights, 'A')) as ta,
                      cardinality(array_positions(weights, 'B')) as tb
               from unnest(search))
    select lexeme,
           cast(3 * ta * 2.2 / (ta + 1.2)
                + tb * 2.2 / (tb + 1.2 * (0.25 + 0.75 * sum(tb) over () / 120.0)) as real)
    from t
$$;

-- Visibility and language copied in, so that a public or one-language search takes its best entries per term
-- without visiting the articles.
create table kb_term (
    term       text    not null,
    article_id bigint  not null,
    weight     real    not null,
    public     boolean not null,
    language   text    not null
);

-- How many articles hold each term; the row with the empty term (no lexeme is empty) counts the articles.
create table kb_term_df (
    term     text primary key,
    articles integer not null
);

-- The backfill, before the indexes and the foreign key so that neither is checked row by row.
insert into kb_term (term, article_id, weight, public, language)
select r.term, a.id, r.weight, a.visibility = 'PUBLIC', a.language
from kb_article a, kb_term_rows(a.search) r;

insert into kb_term_df (term, articles)
select term, count(*) from kb_term group by term
union all
select '', count(*) from kb_article;

-- (term, article) answers "does this article hold this term, with what weight" for the all-terms check.
alter table kb_term add primary key (term, article_id);
alter table kb_term add foreign key (article_id) references kb_article (id) on delete cascade;
create index kb_term_best_idx on kb_term (term, weight desc, article_id) include (public, language);

-- The GIN candidate step is replaced; the whole-vector GIN index stays for the capped count of rare cases.
drop function kb_search_candidates(tsquery, boolean, text, integer);
drop function kb_search_title_candidates(tsquery, boolean, text, integer);
drop function kb_search_body_candidates(tsquery, boolean, text, integer);
drop index kb_article_title_search_idx;
