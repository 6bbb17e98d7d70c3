package io.clientele.strategy;

import io.clientele.platform.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The classes' playbooks ({@code analytics:read}; changed with {@code campaigns:approve}, as managers do). */
@RestController
@Tag(name = "Insight")
class PlaybookApi {
    private final Playbooks playbooks;

    PlaybookApi(Playbooks playbooks) {
        this.playbooks = playbooks;
    }

    @GetMapping("/api/v1/insight/playbooks")
    @Operation(summary = "The playbook of each class of the 3x3 matrix")
    List<Playbooks.Playbook> list() {
        return playbooks.all();
    }

    @GetMapping("/api/v1/insight/playbooks/progress")
    @Operation(
            summary = "Per class of the latest run: customers, with an account manager, contacted and responded"
                    + " within the playbook's contact frequency, and the campaigns on the class's segment")
    List<Playbooks.Progress> progress() {
        return playbooks.progress();
    }

    @PutMapping("/api/v1/insight/playbooks/{matrixClass}")
    @Operation(
            summary = "Change a class's playbook (campaigns:approve)",
            description = "salesChannel ONE_TO_ONE, ONE_TO_MANY or THROUGH_RETAILERS; marketingAim PARTNER, IMPROVE or"
                    + " CORRECT; campaignPurpose; templateCampaign (a campaign or journey id, optional);"
                    + " contactEveryDays 1-3650; notes. The same values again change nothing.")
    Playbooks.Playbook update(@PathVariable String matrixClass, @RequestBody Playbooks.PlaybookInput input) {
        return playbooks.update(matrixClass, input, Actor.current().name());
    }
}
