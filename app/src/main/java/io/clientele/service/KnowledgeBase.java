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
import java.util.List;
import java.util.Map;
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
        return ids;
    }

    /** A new version of the article; the previous ones stay readable. */
    @Transactional
    public Article update(long id, ArticleInput input, String actor) {
        find(id);
        Valid v = validate(input);
        SearchText.Parts title = SearchText.document(v.title());
        SearchText.Parts body = SearchText.document(v.body());
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
     * Articles matching every word and phrase of the query (best first: title matches weigh more, and by cover density
     * words and pairs close together more than far apart), or, without a query, the latest changed. Only a bounded
     * set of candidates is ranked ({@link #ranked}); the count stops ten pages past the one asked for.
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
        String candidates = candidates(ALL_TERMS, ":public", ":language");
        List<Article> items = jdbc.sql(ranked(candidates, ALL_TERMS, "") + " limit :size offset :offset")
                .param("public", query.publicOnly())
                .param("language", language)
                .param("bound", Math.max(CANDIDATES, (page + 1) * size))
                .param("latin", parts.latin())
                .param("cjk", parts.cjk())
                .param("size", size)
                .param("offset", (long) page * size)
                .query(KnowledgeBase::article)
                .list();
        long total = jdbc.sql("select count(*) from " + candidates + " where not in_title")
                .param("public", query.publicOnly())
                .param("language", language)
                .param("bound", cap)
                .param("latin", parts.latin())
                .param("cjk", parts.cjk())
                .query(Long.class)
                .single();
        return new PageResult<>(items, page, size, total);
    }

    /** Every English word and every Chinese pair of the query ({@code :latin}, {@code :cjk}). */
    private static final String ALL_TERMS = "(plainto_tsquery('english', :latin) && plainto_tsquery('simple', :cjk))";

    /** Any of them: the same query with its ANDs turned into ORs. */
    private static final String ANY_TERM = "cast(replace(cast(" + ALL_TERMS + " as text), '&', '|') as tsquery)";

    /**
     * How many matches are ranked at most, besides every title match up to the same bound (a query of common words
     * matches tens of thousands of articles; ranking them all took seconds at 100,000, see docs/benchmarks.md).
     */
    private static final int CANDIDATES = 1000;

    /**
     * The {@code candidates} ({@code kb_search_candidates}: the articles whose title matches, and the first
     * {@code :bound} matching anywhere, in no particular order) best first by {@code ts_rank_cd}. Below the bound the
     * ranking is exact; above it, a title match is never missed, and the body-only matches ranked are a sample of the
     * many.
     */
    private static String ranked(String candidates, String tsquery, String and) {
        return SELECT + " where a.id in (select id from " + candidates + ")" + and + " order by ts_rank_cd(a.search, "
                + tsquery + ") desc, a.id desc";
    }

    /** The candidate step's call: the public filter and language are SQL (a parameter or a constant). */
    private static String candidates(String tsquery, String publicOnly, String language) {
        return "kb_search_candidates(" + tsquery + ", cast(" + publicOnly + " as boolean), cast(" + language
                + " as text), cast(:bound as integer))";
    }

    /**
     * Articles for a request: those sharing any word or character pair with its subject, the most shared first, at
     * most five, the ones already linked left out.
     */
    public List<Article> suggestions(long requestId, String subject) {
        SearchText.Parts parts = SearchText.query(subject);
        if (parts.latin().isEmpty() && parts.cjk().isEmpty()) {
            return List.of();
        }
        return jdbc.sql(ranked(candidates(ANY_TERM, "false", "null"), ANY_TERM, """
                         and not exists (select 1 from service_request_article l
                                         where l.request_id = :request and l.article_id = a.id)""") + " limit 5")
                .param("latin", parts.latin())
                .param("cjk", parts.cjk())
                .param("request", requestId)
                .param("bound", CANDIDATES)
                .query(KnowledgeBase::article)
                .list();
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
