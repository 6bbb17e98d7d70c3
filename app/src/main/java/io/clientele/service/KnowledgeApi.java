package io.clientele.service;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The knowledge base over HTTP ({@code service:read} to read and search, {@code service:write} to write and link). */
@RestController
class KnowledgeApi {
    record Link(@Nullable Long articleId) {}

    record RequestArticles(List<KnowledgeBase.Article> linked, List<KnowledgeBase.Article> suggested) {}

    private final KnowledgeBase knowledge;
    private final ServiceRequests requests;

    KnowledgeApi(KnowledgeBase knowledge, ServiceRequests requests) {
        this.knowledge = knowledge;
        this.requests = requests;
    }

    @GetMapping("/api/v1/service/articles")
    @Operation(
            summary = "Search the knowledge base: every word and phrase of q (English words, Chinese phrases), best"
                    + " first; without q the latest changed; language EN or ZH")
    PageResult<KnowledgeBase.Article> search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return knowledge.search(new KnowledgeBase.Query(q, false, language(language)), page, size);
    }

    /** A language filter from a request parameter: EN, ZH or none; anything else a 400 naming it. */
    static KnowledgeBase.@Nullable Language language(@Nullable String language) {
        if (InputFields.trimmed(language) == null) {
            return null;
        }
        List<FieldProblem> problems = new ArrayList<>();
        KnowledgeBase.Language value = InputFields.oneOf("language", language, KnowledgeBase.Language.class, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return value;
    }

    @PostMapping("/api/v1/service/articles")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary =
                    "Write an article (version 1): kind FAQ or CASE, category, visibility INTERNAL or PUBLIC, language EN or ZH, title, body")
    KnowledgeBase.Article create(@RequestBody KnowledgeBase.ArticleInput input) {
        return knowledge.create(input, Actor.current().name());
    }

    @GetMapping("/api/v1/service/articles/{id}")
    @Operation(summary = "An article, as its latest version")
    KnowledgeBase.Article get(@PathVariable long id) {
        return knowledge.find(id);
    }

    @PutMapping("/api/v1/service/articles/{id}")
    @Operation(summary = "Change an article: a new version (every field, as on creation); the old ones are kept")
    KnowledgeBase.Article update(@PathVariable long id, @RequestBody KnowledgeBase.ArticleInput input) {
        return knowledge.update(id, input, Actor.current().name());
    }

    @GetMapping("/api/v1/service/articles/{id}/versions")
    @Operation(summary = "An article's versions, newest first")
    List<KnowledgeBase.Version> versions(@PathVariable long id) {
        return knowledge.versions(id);
    }

    @GetMapping("/api/v1/service/requests/{id}/articles")
    @Operation(summary = "The articles linked to a request, and up to five suggested from its subject")
    RequestArticles articles(@PathVariable long id) {
        ServiceRequests.Request request = requests.find(id);
        return new RequestArticles(knowledge.linked(id), knowledge.suggestions(id, request.subject()));
    }

    @PostMapping("/api/v1/service/requests/{id}/articles")
    @Operation(summary = "Link an article to a request (linking it again changes nothing)")
    RequestArticles link(@PathVariable long id, @RequestBody Link body) {
        ServiceRequests.Request request = requests.find(id);
        knowledge.link(id, body.articleId(), Actor.current().name());
        return new RequestArticles(knowledge.linked(id), knowledge.suggestions(id, request.subject()));
    }
}
