package io.clientele.audit;

import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit trail page, for administrators ({@code /admin/**}, see identity's security). */
@Controller
class AuditController {
    private static final List<String> FILTERS = List.of("user", "entity", "entityId", "action", "from", "to", "size");
    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    /** Bad filters show the page with the fields marked, answered with 400 so that scripts see the refusal. */
    @GetMapping("/admin/audit")
    String audit(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        model.addAttribute("filter", params);
        model.addAttribute("pageLink", pageLink(params));
        try {
            model.addAttribute("result", log.search(query(params)));
            model.addAttribute("errors", FormErrors.NONE);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", FormErrors.of(e.problems()));
        }
        return "audit/audit";
    }

    /** This page with the same filters, for the pager to add the page number to. */
    private static String pageLink(Map<String, String> params) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/audit");
        FILTERS.forEach(name -> {
            String value = params.get(name);
            if (value != null && !value.isBlank()) {
                link.queryParam(name, value);
            }
        });
        return link.build().encode().toUriString();
    }

    private static AuditQuery query(Map<String, String> params) {
        return AuditQuery.of(
                params.get("user"),
                params.get("entity"),
                params.get("entityId"),
                params.get("action"),
                params.get("from"),
                params.get("to"),
                params.get("page"),
                params.get("size"));
    }
}
