package io.clientele.merchandising;

import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The salesperson appraisal page: a period's ranking (revenue against target, customers' value, retention), a form
 * to set one target and a CSV import of many, whose bad rows are listed by line and field with nothing stored.
 */
@Controller
class AppraisalController {
    private final SalespersonAppraisal appraisal;
    private final SalespersonTargets targets;
    private final JdbcClient jdbc;
    private final DataScopes scopes;

    AppraisalController(
            SalespersonAppraisal appraisal, SalespersonTargets targets, JdbcClient jdbc, DataScopes scopes) {
        this.appraisal = appraisal;
        this.targets = targets;
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    @GetMapping("/merchandising/appraisal")
    String page(@RequestParam(required = false) @Nullable String period, Model page) {
        page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.NONE);
        return render(period, Map.of(), page);
    }

    private String render(@Nullable String period, Map<String, String> form, Model page) {
        try {
            page.addAttribute("appraisal", appraisal.of(period));
        } catch (InvalidInputException e) {
            page.addAttribute("appraisal", appraisal.of((String) null));
            page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
        }
        page.addAttribute("period", period == null ? "" : period);
        page.addAttribute("form", form);
        page.addAttribute("salespeople", salespeople());
        return "merchandising/appraisal";
    }

    /** The salespeople whose targets the viewer may set, for the form's choice. */
    private List<Map<String, String>> salespeople() {
        var scope = scopes.current();
        return jdbc
                .sql("select sp.code, sp.name, st.code from salesperson sp join store st on st.id = sp.store_id"
                        + " order by sp.code")
                .query((rs, n) -> Map.of("code", rs.getString(1), "name", rs.getString(2), "store", rs.getString(3)))
                .list()
                .stream()
                .filter(p -> scope.includesStore(p.get("store")))
                .toList();
    }

    @PostMapping("/merchandising/appraisal/targets")
    String set(
            @RequestParam(required = false) @Nullable String salesperson,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String revenue,
            Model page,
            RedirectAttributes redirect) {
        try {
            SalespersonTargets.Target target = targets.set(salesperson, period, revenue);
            redirect.addFlashAttribute(
                    Flash.ATTRIBUTE, Flash.of("appraisal.flash.target", target.salesperson(), target.period()));
            return "redirect:/merchandising/appraisal?period=" + target.period();
        } catch (InvalidInputException e) {
            page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            Map<String, String> form = Map.of(
                    "salesperson", salesperson == null ? "" : salesperson,
                    "period", period == null ? "" : period,
                    "revenue", revenue == null ? "" : revenue);
            return render(null, form, page);
        }
    }

    @PostMapping("/merchandising/appraisal/targets/import")
    String importFile(
            @RequestParam(value = "file", required = false) @Nullable MultipartFile file,
            Model page,
            RedirectAttributes redirect)
            throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException(FieldProblem.of("file", "validation.required"));
            }
            int stored;
            try (InputStream in = file.getInputStream()) {
                stored = targets.importCsv(in);
            }
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("appraisal.flash.imported", stored));
            return "redirect:/merchandising/appraisal";
        } catch (InvalidInputException e) {
            page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.NONE);
            page.addAttribute("importProblems", e.problems());
            return render(null, Map.of(), page);
        }
    }
}
