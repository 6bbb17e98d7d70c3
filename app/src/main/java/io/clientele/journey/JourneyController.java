package io.clientele.journey;

import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignPurpose;
import io.clientele.campaign.CampaignStatus;
import io.clientele.platform.Actor;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journey pages: the list, a new journey's plan, the graph editor (which reads and writes the graph through
 * {@link JourneyApi} from {@code journey-editor.js}) and the customer page's journeys section.
 */
@Controller
class JourneyController {
    private static final int PAGE_SIZE = 25;
    private static final String EDITOR_TEXT = "journey.editor.";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Journeys journeys;
    private final JourneyProgress progress;

    JourneyController(Journeys journeys, JourneyProgress progress) {
        this.journeys = journeys;
        this.progress = progress;
    }

    @GetMapping("/journeys")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        model.addAttribute("page", journeys.page(page, PAGE_SIZE));
        return "journey/list";
    }

    @GetMapping("/journeys/new")
    String form(Model model) {
        return form(model, "", CampaignPurpose.RETENTION.name(), FormErrors.NONE);
    }

    /** Creates the plan with an empty graph, then opens the editor to draw it. */
    @PostMapping("/journeys")
    String create(
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String purpose,
            Model model,
            RedirectAttributes redirect) {
        String actor = Actor.current().name();
        try {
            Journey journey = journeys.create(
                    new CampaignInput(name, purpose, null, null, actor, null, null, null, null, null),
                    JourneyGraph.parse("{\"nodes\": [], \"edges\": []}"),
                    actor);
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("journey.flash.created"));
            return "redirect:/journeys/" + journey.campaign().id();
        } catch (InvalidInputException e) {
            return form(model, name, purpose, FormErrors.of(e.problems()));
        }
    }

    @GetMapping("/journeys/{id}")
    String editor(@PathVariable long id, Model model) {
        Journey journey = journeys.get(id);
        CampaignStatus status = journey.campaign().status();
        boolean running = status == CampaignStatus.RUNNING || status == CampaignStatus.PAUSED;
        Map<String, Object> editor = new LinkedHashMap<>();
        editor.put("id", id);
        editor.put("status", status.name());
        editor.put("version", journey.version());
        // a draft or rejected plan is edited in place; a running journey's unsubmitted version is its next draft
        editor.put("editing", status.editable() || (running && journey.submittedAt() == null));
        editor.put("live", running || status == CampaignStatus.COMPLETED);
        editor.put("graph", JSON.readTree(journey.graph().toJson()));
        editor.put("text", editorTexts(LocaleContextHolder.getLocale()));
        model.addAttribute("journey", journey);
        model.addAttribute("running", running);
        model.addAttribute("editorJson", JSON.writeValueAsString(editor));
        return "journey/editor";
    }

    /** The customer page's section (loaded by htmx: the customer feature does not depend on journeys). */
    @GetMapping("/journeys/customers/{customerId}")
    String ofCustomer(@PathVariable long customerId, Model model) {
        model.addAttribute("entries", progress.ofCustomer(customerId));
        return "journey/customer :: section";
    }

    /**
     * Every {@code journey.editor.*} text in the viewer's language, keyed by the rest of its name: the bundles stay the
     * one list of the script's texts (and {@code MessageBundlesTest} checks both languages have each).
     */
    private static Map<String, String> editorTexts(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                "messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> text = new TreeMap<>();
        for (String key : bundle.keySet()) {
            if (key.startsWith(EDITOR_TEXT)) {
                text.put(key.substring(EDITOR_TEXT.length()), bundle.getString(key));
            }
        }
        return text;
    }

    private static String form(Model model, @Nullable String name, @Nullable String purpose, FormErrors errors) {
        model.addAttribute("name", name);
        model.addAttribute("purpose", purpose);
        model.addAttribute("purposes", CampaignPurpose.values());
        model.addAttribute("errors", errors);
        return "journey/new";
    }
}
