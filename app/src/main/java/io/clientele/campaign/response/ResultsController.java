package io.clientele.campaign.response;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/** A campaign's results: the page under the campaign and the same figures by API. */
@Controller
@Tag(name = "Campaign responses", description = "Bounces reported by a mail provider, campaign results")
class ResultsController {
    private final CampaignResults results;

    ResultsController(CampaignResults results) {
        this.results = results;
    }

    @GetMapping("/campaigns/{id}/results")
    String page(@PathVariable long id, Model model) {
        model.addAttribute("results", results.of(id));
        return "campaign/response/results";
    }

    @GetMapping("/api/v1/campaigns/{id}/results")
    @ResponseBody
    @Operation(
            summary = "The funnel per step, channel and in total, the treated against the control group, and the"
                    + " contact cost against the budget")
    CampaignResults.Results api(@PathVariable long id) {
        return results.of(id);
    }
}
