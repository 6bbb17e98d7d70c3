package io.clientele.service;

import io.clientele.platform.Actor;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The knowledge base's pages for agents: search and list, write and change an article (with its versions), and the
 * request page's part: the linked articles, suggestions from the subject or a search, each to link.
 */
@Controller
class KnowledgeController {
    private final KnowledgeBase knowledge;
    private final ServiceRequests requests;

    KnowledgeController(KnowledgeBase knowledge, ServiceRequests requests) {
        this.knowledge = knowledge;
        this.requests = requests;
    }

    @GetMapping("/service/articles")
    String articles(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page, 20, 20);
        model.addAttribute(
                "page", knowledge.search(new KnowledgeBase.Query(q, false, KnowledgeApi.language(language)), page, 20));
        model.addAttribute("q", q);
        model.addAttribute("language", language);
        model.addAttribute("languages", KnowledgeBase.Language.values());
        return "service/articles";
    }

    @GetMapping("/service/articles/new")
    String newArticle(Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "FAQ");
        form.put("visibility", "INTERNAL");
        form.put("language", "EN");
        return articlePage(null, model, FormErrors.NONE, form);
    }

    @GetMapping("/service/articles/{id}")
    String article(@PathVariable long id, Model model) {
        KnowledgeBase.Article article = knowledge.find(id);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", article.kind().name());
        form.put("category", article.category());
        form.put("visibility", article.visibility().name());
        form.put("language", article.language().name());
        form.put("title", article.title());
        form.put("body", article.body());
        return articlePage(id, model, FormErrors.NONE, form);
    }

    private String articlePage(@Nullable Long id, Model model, FormErrors errors, Map<String, String> form) {
        if (id != null) {
            model.addAttribute("article", knowledge.find(id));
            model.addAttribute("versions", knowledge.versions(id));
        }
        model.addAttribute("form", form);
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        model.addAttribute("kinds", KnowledgeBase.Kind.values());
        model.addAttribute("visibilities", KnowledgeBase.Visibility.values());
        model.addAttribute("languages", KnowledgeBase.Language.values());
        return "service/article";
    }

    @PostMapping("/service/articles")
    String create(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        return save(null, params, model, redirect);
    }

    @PostMapping("/service/articles/{id}")
    String update(
            @PathVariable long id, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        return save(id, params, model, redirect);
    }

    private String save(@Nullable Long id, Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.remove("_csrf");
        KnowledgeBase.ArticleInput input = new KnowledgeBase.ArticleInput(
                form.get("kind"),
                form.get("category"),
                form.get("visibility"),
                form.get("language"),
                form.get("title"),
                form.get("body"));
        try {
            KnowledgeBase.Article saved = id == null
                    ? knowledge.create(input, Actor.current().name())
                    : knowledge.update(id, input, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("kb.flash.saved", saved.version()));
            return "redirect:/service/articles/" + saved.id();
        } catch (InvalidInputException e) {
            return articlePage(id, model, FormErrors.of(e.problems()), form);
        }
    }

    /** The request page's part: linked articles, and suggestions from the subject or the agent's search. */
    @GetMapping("/service/{id}/articles")
    String ofRequest(@PathVariable long id, @RequestParam(required = false) @Nullable String q, Model model) {
        ServiceRequests.Request request = requests.find(id);
        model.addAttribute("request", request);
        model.addAttribute("linked", knowledge.linked(id));
        model.addAttribute("q", q);
        model.addAttribute(
                "found",
                q == null || q.isBlank()
                        ? knowledge.suggestions(id, request.subject())
                        : knowledge
                                .search(new KnowledgeBase.Query(q, false, null), 0, 10)
                                .items());
        return "service/request-articles :: articles";
    }

    @PostMapping("/service/{id}/articles")
    String link(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Long articleId,
            RedirectAttributes redirect) {
        requests.find(id);
        knowledge.link(id, articleId, Actor.current().name());
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("kb.flash.linked"));
        return "redirect:/service/" + id;
    }
}
