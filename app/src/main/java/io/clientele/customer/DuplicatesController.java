package io.clientele.customer;

import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The duplicates review: candidate pairs with their evidence, the merge preview and the merge. Everyone who reads
 * customers may look; security lets only roles with {@code customers:merge} preview, merge or dismiss.
 */
@Controller
@RequestMapping("/customers")
class DuplicatesController {
    private final Duplicates duplicates;
    private final CustomerMerge merge;

    DuplicatesController(Duplicates duplicates, CustomerMerge merge) {
        this.duplicates = duplicates;
        this.merge = merge;
    }

    @GetMapping("/duplicates")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        model.addAttribute("result", duplicates.all(page, 20));
        return "customer/duplicates";
    }

    /** One line of the preview: a field's value in both profiles and after the merge. */
    record FieldRow(
            String field,
            @Nullable Object survivor,
            @Nullable Object merged,
            @Nullable Object result,
            boolean filled) {}

    @GetMapping("/{survivorId}/merge/{mergedId}")
    String preview(@PathVariable long survivorId, @PathVariable long mergedId, Model model) {
        CustomerMerge.Outcome outcome = merge.merge(survivorId, mergedId, true);
        Map<String, @Nullable Object> survivor =
                outcome.survivor().toInput().normalised().fields();
        Map<String, @Nullable Object> merged =
                outcome.merged().toInput().normalised().fields();
        Map<String, @Nullable Object> result = outcome.result().toInput().fields();
        Set<String> filled =
                outcome.filled().stream().map(CustomerEditor.Change::field).collect(Collectors.toSet());
        Set<String> fields = new LinkedHashSet<>(survivor.keySet());
        fields.addAll(merged.keySet());
        model.addAttribute("outcome", outcome);
        model.addAttribute(
                "rows",
                fields.stream()
                        .filter(f -> survivor.get(f) != null || merged.get(f) != null)
                        .map(f -> new FieldRow(f, survivor.get(f), merged.get(f), result.get(f), filled.contains(f)))
                        .toList());
        return "customer/merge";
    }

    @PostMapping("/{survivorId}/merge/{mergedId}")
    String merge(@PathVariable long survivorId, @PathVariable long mergedId, RedirectAttributes redirect) {
        CustomerMerge.Outcome outcome = merge.merge(survivorId, mergedId, false);
        redirect.addFlashAttribute(
                Flash.ATTRIBUTE,
                Flash.of("merge.done", outcome.merged().name(), outcome.result().name()));
        return "redirect:/customers/" + survivorId;
    }

    @PostMapping("/{id}/distinct/{otherId}")
    String distinct(@PathVariable long id, @PathVariable long otherId, RedirectAttributes redirect) {
        duplicates.markDistinct(id, otherId);
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("duplicates.dismissed"));
        return "redirect:/customers/duplicates";
    }
}
