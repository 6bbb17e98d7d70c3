package io.clientele.service;

import static io.clientele.platform.InputFields.trimmed;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base: FAQ articles and classic cases, internal (agents) or public (the FAQ page), in English or
 * Chinese. Every change is a new version, the old ones kept. Search ranks title matches above body matches and handles
 * Chinese by character pairs ({@link SearchText}); agents see every article, the public only public ones. Articles
 * are suggested for a request from its subject, and agents link the ones that helped.
 */
@Service
public class KnowledgeBase {
    /** FAQ: a question and its answer; CASE: a classic case, how a problem was solved. */
    public enum Kind {
        FAQ,
        CASE
    }

    public enum Visibility {
        INTERNAL,
        PUBLIC
    }

    public enum Language {
        EN,
        ZH
    }

    public record Article(
            long id,
            Kind kind,
            String category,
            Visibility visibility,
            Language language,
            int version,
            String title,
            String body,
            String createdBy,
            Instant updatedAt) {}

    /** An article to write; all text, so that bad input is a field error. */
    public record ArticleInput(
            @Nullable String kind,
            @Nullable String category,
            @Nullable String visibility,
            @Nullable String language,
            @Nullable String title,
            @Nullable String body) {}

    public record Version(
            int version, String title, String body, String category, String changedBy, Instant changedAt) {}

    /** The search: words and phrases, public articles only or all, one language or both. */
    public record Query(
            @Nullable String text,
            boolean publicOnly,
            @Nullable Language language) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;

    KnowledgeBase(JdbcClient jdbc, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public Article create(ArticleInput input, String actor) {
        Valid v = validate(input);
        long id = insertAll(List.of(v), actor).getFirst();
        audit.record("kb.article.created", "kb_article", id, Map.of("title", v.title()));
        return find(id);
    }

    /**
     * Imports many articles (a FAQ taken over from another system), all or none: every bad one is reported as
     * {@code [i].field}. One statement per thousand articles; each gets its version 1.
     */
    @Transactional
    public int createAll(List<ArticleInput> inputs, String actor) {
        List<Valid> valid = new ArrayList<>(inputs.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            try {
                valid.add(validate(inputs.get(i)));
            } catch (InvalidInputException e) {
                int row = i;
                e.problems()
                        .forEach(p -> problems.add(new FieldProblem("[" + row + "]." + p.field(), p.code(), p.args())));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        insertAll(valid, actor);
        audit.record("kb.article.imported", "kb_article", "*", Map.of("articles", valid.size()));
        return valid.size();
    }

    /** Inserts the articles with their first version, a thousand per statement; answers their ids in order. */
    private List<Long> insertAll(List<Valid> valid, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Long> ids = new ArrayList<>(valid.size());
        for (int from = 0; from < valid.size(); from += 1000) {
            List<Valid> batch = valid.subList(from, Math.min(valid.size(), from + 1000));
            List<SearchText.Parts> titles =
                    batch.stream().map(v -> SearchText.document(v.title())).toList();
            List<SearchText.Parts> bodies =
                    batch.stream().map(v -> SearchText.document(v.body())).toList();
            jdbc.sql("""
                            with added as (
                                insert into kb_article (kind, category, visibility, language, title, body, search,
                                                        created_by, created_at, updated_at)
                                select a.kind, a.category, a.visibility, a.language, a.title, a.body,
                                       kb_search_vector(a.title_latin, a.title_cjk, a.body_latin, a.body_cjk),
                                       :by, :now, :now
                                from unnest(cast(:kinds as text[]), cast(:categories as text[]),
                                            cast(:visibilities as text[]), cast(:languages as text[]),
                                            cast(:titles as text[]), cast(:bodies as text[]),
                                            cast(:titleLatin as text[]), cast(:titleCjk as text[]),
                                            cast(:bodyLatin as text[]), cast(:bodyCjk as text[]))
                                     with ordinality as a(kind, category, visibility, language, title, body,
                                                          title_latin, title_cjk, body_latin, body_cjk, n)
                                order by a.n
                                returning *)
                            insert into kb_article_version (article_id, version, kind, category, visibility, language,
                                                            title, body, changed_by, changed_at)
                            select id, version, kind, category, visibility, language, title, body, :by, updated_at
                            from added order by id
                            returning article_id""")
                    .param("kinds", batch.stream().map(v -> v.kind().name()).toArray(String[]::new))
                    .param("categories", batch.stream().map(Valid::category).toArray(String[]::new))
                    .param(
                            "visibilities",
                            batch.stream().map(v -> v.visibility().name()).toArray(String[]::new))
                    .param(
                            "languages",
                            batch.stream().map(v -> v.language().name()).toArray(String[]::new))
                    .param("titles", batch.stream().map(Valid::title).toArray(String[]::new))
                    .param("bodies", batch.stream().map(Valid::body).toArray(String[]::new))
                    .param(
                            "titleLatin",
                            titles.stream().map(SearchText.Parts::latin).toArray(String[]::new))
                    .param(
                            "titleCjk",
                            titles.stream().map(SearchText.Parts::cjk).toArray(String[]::new))
                    .param(
                            "bodyLatin",
                            bodies.stream().map(SearchText.Parts::latin).toArray(String[]::new))
                    .param("bodyCjk", bodies.stream().map(SearchText.Parts::cjk).toArray(String[]::new))
                    .param("by", actor)
                    .param("now", now)
                    .query(Long.class)
                    .list()
                    .forEach(ids::add);
        }
        indexTerms(ids, ids.size());
        return ids;
    }

    /**
     * Writes the articles' entries of the term index ({@code kb_term_rows} weighs each term from the search vector)
     * and adds them, and {@code newArticles} to the article count, to the document frequencies; in the transaction
     * of the save. Terms in order, so that concurrent saves lock the shared frequency rows in the same order.
     */
    private void indexTerms(List<Long> ids, int newArticles) {
        jdbc.sql("""
                        with added as (
                            insert into kb_term (term, article_id, weight, public, language)
                            select r.term, a.id, r.weight, a.visibility = 'PUBLIC', a.language
                            from kb_article a, kb_term_rows(a.search) r where a.id = any(:ids)
                            returning term)
                        insert into kb_term_df (term, articles)
                        select term, n from (select term, count(*) as n from added group by term
                                             union all select '', :newArticles) c
                        where n > 0 order by term
                        on conflict (term) do update set articles = kb_term_df.articles + excluded.articles""")
                .param("ids", ids.toArray(Long[]::new))
                .param("newArticles", newArticles)
                .update();
    }

    /** Removes an article's entries of the term index (before it changes) and takes them off the frequencies. */
    private void unindexTerms(long id) {
        jdbc.sql("""
                        with gone as (
                            delete from kb_term k using kb_article a
                            where a.id = :id and k.article_id = a.id
                              and k.term in (select lexeme from unnest(a.search))
                            returning k.term)
                        update kb_term_df d set articles = d.articles - 1
                        from (select term from gone order by term) g where d.term = g.term""").param("id", id).update();
    }

    /** A new version of the article; the previous ones stay readable. */
    @Transactional
    public Article update(long id, ArticleInput input, String actor) {
        find(id);
        Valid v = validate(input);
        SearchText.Parts title = SearchText.document(v.title());
        SearchText.Parts body = SearchText.document(v.body());
        unindexTerms(id);
        jdbc.sql("update kb_article set kind = :kind, category = :category, visibility = :visibility,"
                        + " language = :language, title = :title, body = :body,"
                        + " search = kb_search_vector(:titleLatin, :titleCjk, :bodyLatin, :bodyCjk),"
                        + " version = version + 1, updated_at = :now where id = :id")
                .param("kind", v.kind().name())
                .param("category", v.category())
                .param("visibility", v.visibility().name())
                .param("language", v.language().name())
                .param("title", v.title())
                .param("body", v.body())
                .param("titleLatin", title.latin())
                .param("titleCjk", title.cjk())
                .param("bodyLatin", body.latin())
                .param("bodyCjk", body.cjk())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        indexTerms(List.of(id), 0);
        keepVersion(id, actor);
        audit.record("kb.article.changed", "kb_article", id, Map.of("title", v.title()));
        return find(id);
    }

    private void keepVersion(long id, String actor) {
        jdbc.sql("""
                        insert into kb_article_version (article_id, version, kind, category, visibility, language,
                                                        title, body, changed_by, changed_at)
                        select id, version, kind, category, visibility, language, title, body, :by, updated_at
                        from kb_article where id = :id""").param("by", actor).param("id", id).update();
    }

    private record Valid(
            Kind kind, String category, Visibility visibility, Language language, String title, String body) {}

    private static Valid validate(ArticleInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        Kind kind = InputFields.oneOf("kind", input.kind(), Kind.class, problems);
        String category = InputFields.required("category", input.category(), 60, problems);
        Visibility visibility = InputFields.oneOf("visibility", input.visibility(), Visibility.class, problems);
        Language language = InputFields.oneOf("language", input.language(), Language.class, problems);
        String title = InputFields.required("title", input.title(), 200, problems);
        String body = InputFields.required("body", input.body(), 50000, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Valid(kind, category, visibility, language, title, body);
    }

    /** An article, or 404 (also for the public asking for an internal one). */
    public Article find(long id) {
        return jdbc.sql(SELECT + " where a.id = :id")
                .param("id", id)
                .query(KnowledgeBase::article)
                .optional()
                .orElseThrow(() -> new NotFoundException("No article " + id));
    }

    /** A public article, or 404. */
    public Article findPublic(long id) {
        Article article = find(id);
        if (article.visibility() != Visibility.PUBLIC) {
            throw new NotFoundException("No article " + id);
        }
        return article;
    }

    public List<Version> versions(long id) {
        find(id);
        return jdbc.sql("""
                        select version, title, body, category, changed_by, changed_at from kb_article_version
                        where article_id = :id order by version desc""")
                .param("id", id)
                .query((rs, n) -> new Version(
                        rs.getInt("version"),
                        rs.getString("title"),
                        rs.getString("body"),
                        rs.getString("category"),
                        rs.getString("changed_by"),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    /**
     * Articles matching every word and phrase of the query (best first: title matches weigh more, rare terms more than
     * common ones, by a term index weighed when each version is saved), or, without a query, the
     * latest changed. Only each term's best entries are read ({@link #ranked}); the count stops ten pages past the one
     * asked for.
     */
    public PageResult<Article> search(Query query, int page, int size) {
        String text = trimmed(query.text());
        if (text != null && text.length() > 200) {
            throw new InvalidInputException(FieldProblem.of("q", "validation.length", 200));
        }
        SearchText.Parts parts = SearchText.query(text == null ? "" : text);
        String language = query.language() == null ? null : query.language().name();
        long cap = (long) (page + 10) * size + 1;
        if (parts.latin().isEmpty() && parts.cjk().isEmpty()) {
            String where = """
                     where (cast(:public as boolean) = false or a.visibility = 'PUBLIC')
                       and (cast(:language as text) is null or a.language = :language)""";
            List<Article> items = jdbc.sql(
                            SELECT + where + " order by a.updated_at desc, a.id desc limit :size offset :offset")
                    .param("public", query.publicOnly())
                    .param("language", language)
                    .param("size", size)
                    .param("offset", (long) page * size)
                    .query(KnowledgeBase::article)
                    .list();
            long total = jdbc.sql("select count(*) from (select 1 from kb_article a\n" + where + " limit :cap) c")
                    .param("public", query.publicOnly())
                    .param("language", language)
                    .param("cap", cap)
                    .query(Long.class)
                    .single();
            return new PageResult<>(items, page, size, total);
        }
        int depth = (int) Math.min(Integer.MAX_VALUE, Math.max(DEPTH, (long) (page + 1) * size));
        Ranking ranking = ranked(parts, true, query.publicOnly(), language, Set.of(), depth);
        List<Long> ranked = ranking.ids();
        List<Long> shown = ranked.subList((int) Math.min(ranked.size(), (long) page * size), (int)
                Math.min(ranked.size(), (long) (page + 1) * size));
        long total;
        if (ranking.complete() || ranked.size() >= cap) {
            // Every article holding the rarest term was read (all of them then), or the cap is reached.
            total = Math.min(ranked.size(), cap);
        } else {
            // Only common terms that rarely meet: the entries read may miss matches, so count by the GIN index.
            total = jdbc.sql("select count(*) from (select 1 from kb_article a where a.search @@ " + ALL_TERMS
                            + " and (cast(:public as boolean) = false or a.visibility = 'PUBLIC')"
                            + " and (cast(:language as text) is null or a.language = :language) limit :cap) c")
                    .param("latin", parts.latin())
                    .param("cjk", parts.cjk())
                    .param("public", query.publicOnly())
                    .param("language", language)
                    .param("cap", cap)
                    .query(Long.class)
                    .single();
        }
        return new PageResult<>(byId(shown), page, size, total);
    }

    /** Every English word and every Chinese pair of the query ({@code :latin}, {@code :cjk}). */
    private static final String ALL_TERMS = "(plainto_tsquery('english', :latin) && plainto_tsquery('simple', :cjk))";

    /**
     * How many of each term's best entries are read at least (a query of common words matches tens of thousands of
     * articles; the GIN index had to intersect them all, see docs/benchmarks.md). Exact whenever one of the terms is
     * held by at most this many articles; otherwise the best of the articles that rank high for at least one term.
     */
    private static final int DEPTH = 250;

    /**
     * Ranked article ids, best first, and whether they are every match ({@code complete}: some term is held by at most
     * {@code depth} articles, so its entries read are all of them).
     */
    private record Ranking(List<Long> ids, boolean complete) {}

    /**
     * A query term (a stemmed English word or a Chinese character or pair), how many articles hold it, its rarity, and
     * its best entries read (article → weight).
     */
    private record Term(String term, int articles, double idf, Map<Long, Float> best) {}

    /**
     * Article ids best first: the candidates are each term's best {@code depth} entries (visibility and language
     * filtered in the index scan), each scored by the sum over the query terms it holds of weight × rarity, kept if
     * it holds every term ({@code allTerms}) or at least one; the {@code excluded} ones left out. Two statements: the
     * terms with their best entries, then the weights the entries read did not give, each looked up by the primary
     * key — only for candidates that can still qualify and terms whose entries were not all read.
     */
    private Ranking ranked(
            SearchText.Parts parts,
            boolean allTerms,
            boolean publicOnly,
            @Nullable String language,
            Set<Long> excluded,
            int depth) {
        List<Term> terms = terms(parts, publicOnly, language, depth).stream()
                .filter(t -> allTerms || t.articles() > 0)
                .toList();
        if (terms.isEmpty() || terms.stream().anyMatch(t -> t.articles() == 0)) {
            return new Ranking(List.of(), true);
        }
        Term rarest =
                terms.stream().min(Comparator.comparingInt(Term::articles)).orElseThrow();
        boolean complete = rarest.articles() <= depth;
        // Every article holding all terms holds the rarest: when all its entries were read, they are the candidates.
        Set<Long> candidates = new LinkedHashSet<>();
        if (allTerms && complete) {
            candidates.addAll(rarest.best().keySet());
        } else {
            terms.forEach(t -> candidates.addAll(t.best().keySet()));
        }
        candidates.removeAll(excluded);
        if (allTerms) {
            // nor can a candidate missing from the entries of a term that were all read
            terms.stream()
                    .filter(t -> t.articles() <= depth)
                    .forEach(t -> candidates.retainAll(t.best().keySet()));
        }
        // The weights not read, looked up term by term in the key's order; a term whose entries were all read is not
        // held by the candidates missing from them.
        Map<Long, float[]> weights = new HashMap<>();
        List<Long> ids = new ArrayList<>(candidates);
        ids.sort(null);
        List<String> lookupTerms = new ArrayList<>();
        List<Long> lookupIds = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            for (long id : ids) {
                Float read = t.best().get(id);
                weights.computeIfAbsent(id, k -> new float[terms.size()])[i] = read == null ? Float.NaN : read;
                if (read == null && t.articles() > depth) {
                    lookupTerms.add(t.term());
                    lookupIds.add(id);
                }
            }
        }
        if (!lookupIds.isEmpty()) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < terms.size(); i++) {
                index.put(terms.get(i).term(), i);
            }
            jdbc.sql("""
                            select k.term, k.article_id, k.weight
                            from unnest(cast(:terms as text[]), cast(:ids as bigint[])) p(term, article_id)
                            join kb_term k on k.term = p.term and k.article_id = p.article_id""")
                    .param("terms", lookupTerms.toArray(String[]::new))
                    .param("ids", lookupIds.toArray(Long[]::new))
                    .query(rs -> {
                        weights.get(rs.getLong("article_id"))[index.get(rs.getString("term"))] = rs.getFloat("weight");
                    });
        }
        record Scored(long id, double score) {}
        List<Scored> scored = new ArrayList<>();
        weights.forEach((id, w) -> {
            double score = 0;
            int held = 0;
            // in the terms' order, so that equal weights give equal sums
            for (int i = 0; i < w.length; i++) {
                if (!Float.isNaN(w[i])) {
                    score += w[i] * terms.get(i).idf();
                    held++;
                }
            }
            if (held >= (allTerms ? terms.size() : 1)) {
                scored.add(new Scored(id, score));
            }
        });
        scored.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(Comparator.comparingLong(Scored::id).reversed()));
        return new Ranking(scored.stream().map(Scored::id).toList(), complete);
    }

    /**
     * The query's terms as the index has them (the same configurations as the search vector), in the terms' order,
     * each with its rarity and its best {@code depth} entries.
     */
    private List<Term> terms(SearchText.Parts parts, boolean publicOnly, @Nullable String language, int depth) {
        Map<String, Term> terms = new LinkedHashMap<>();
        // the rarity once per term (materialized: a numeric ln per entry row cost more than reading the entries)
        jdbc.sql("""
                        with q as materialized (
                            select t.term, coalesce(d.articles, 0) as articles,
                                   ln(1 + (n.articles - coalesce(d.articles, 0) + 0.5)
                                          / (coalesce(d.articles, 0) + 0.5)) as idf
                            from (select distinct lexeme as term
                                  from unnest(to_tsvector('english', :latin) || to_tsvector('simple', :cjk))) t
                            left join kb_term_df d on d.term = t.term
                            cross join (select coalesce(max(articles), 0) as articles from kb_term_df where term = '') n)
                        select q.term, q.articles, q.idf, b.article_id, b.weight
                        from q
                        left join lateral (
                            select k.article_id, k.weight from kb_term k
                            where k.term = q.term and (cast(:public as boolean) = false or k.public)
                              and (cast(:language as text) is null or k.language = :language)
                            order by k.weight desc limit :depth) b on true
                        order by q.term, b.weight desc""")
                .param("latin", parts.latin())
                .param("cjk", parts.cjk())
                .param("public", publicOnly)
                .param("language", language)
                .param("depth", depth)
                .query(rs -> {
                    Term term = terms.get(rs.getString("term"));
                    if (term == null) {
                        term = new Term(
                                rs.getString("term"), rs.getInt("articles"), rs.getDouble("idf"), new HashMap<>());
                        terms.put(term.term(), term);
                    }
                    long id = rs.getLong("article_id");
                    if (!rs.wasNull()) {
                        term.best().put(id, rs.getFloat("weight"));
                    }
                });
        return List.copyOf(terms.values());
    }

    /** The articles of these ids, in this order. */
    private List<Article> byId(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + """
                        join unnest(cast(:ids as bigint[])) with ordinality as o(id, n) on o.id = a.id
                        order by o.n""")
                .param("ids", ids.toArray(Long[]::new))
                .query(KnowledgeBase::article)
                .list();
    }

    /**
     * Articles for a request: those sharing any word or character pair with its subject, the best scored first (the
     * same weights as the search), at most five, the ones already linked left out.
     */
    public List<Article> suggestions(long requestId, String subject) {
        SearchText.Parts parts = SearchText.query(subject);
        Set<Long> linked =
                new HashSet<>(jdbc.sql("select article_id from service_request_article where request_id = :r")
                        .param("r", requestId)
                        .query(Long.class)
                        .list());
        List<Long> ranked = ranked(parts, false, false, null, linked, DEPTH).ids();
        return byId(ranked.subList(0, Math.min(5, ranked.size())));
    }

    /** The articles linked to a request, in the order they were linked. */
    public List<Article> linked(long requestId) {
        return jdbc.sql(SELECT + """
                        join service_request_article l on l.article_id = a.id
                        where l.request_id = :request order by l.linked_at, a.id""")
                .param("request", requestId)
                .query(KnowledgeBase::article)
                .list();
    }

    /** Links an article to a request (once: linking again changes nothing). */
    @Transactional
    public void link(long requestId, @Nullable Long articleId, String actor) {
        if (articleId == null
                || !jdbc.sql("select exists (select 1 from kb_article where id = :id)")
                        .param("id", articleId)
                        .query(Boolean.class)
                        .single()) {
            throw new InvalidInputException(FieldProblem.of("articleId", "validation.unknown", articleId));
        }
        jdbc.sql("""
                        insert into service_request_article (request_id, article_id, linked_by, linked_at)
                        values (:request, :article, :by, :now) on conflict do nothing""")
                .param("request", requestId)
                .param("article", articleId)
                .param("by", actor)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private static final String SELECT = "select a.* from kb_article a\n";

    private static Article article(ResultSet rs, int n) throws SQLException {
        return new Article(
                rs.getLong("id"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("category"),
                Visibility.valueOf(rs.getString("visibility")),
                Language.valueOf(rs.getString("language")),
                rs.getInt("version"),
                rs.getString("title"),
                rs.getString("body"),
                rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
