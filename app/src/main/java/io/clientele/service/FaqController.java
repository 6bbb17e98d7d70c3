package io.clientele.service;

import io.clientele.platform.PageResult;
import io.clientele.platform.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public FAQ (no sign-in): a search over the public articles and an article's page. It only reads, so it needs
 * no CSRF token; each client address gets {@code clientele.service.faq-per-minute} pages a minute, then 429 with
 * Retry-After. Internal articles answer 404, the same as articles that do not exist.
 */
@Controller
class FaqController {
    private final KnowledgeBase knowledge;
    private final ServiceProperties properties;
    private final RateLimits<String> limits = new RateLimits<>(System::nanoTime);

    FaqController(KnowledgeBase knowledge, ServiceProperties properties) {
        this.knowledge = knowledge;
        this.properties = properties;
    }

    @GetMapping("/faq")
    String faq(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (throttled(request, response)) {
            return "service/faq-busy";
        }
        PageResult.check(page, 20, 20);
        model.addAttribute(
                "page", knowledge.search(new KnowledgeBase.Query(q, true, KnowledgeApi.language(language)), page, 20));
        model.addAttribute("q", q);
        model.addAttribute("language", language);
        model.addAttribute("languages", KnowledgeBase.Language.values());
        return "service/faq";
    }

    @GetMapping("/faq/{id}")
    String article(@PathVariable long id, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (throttled(request, response)) {
            return "service/faq-busy";
        }
        model.addAttribute("article", knowledge.findPublic(id));
        return "service/faq-article";
    }

    private boolean throttled(HttpServletRequest request, HttpServletResponse response) {
        Optional<Duration> wait = limits.take(request.getRemoteAddr(), properties.faqPerMinute());
        if (wait.isEmpty()) {
            return false;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
        return true;
    }
}
