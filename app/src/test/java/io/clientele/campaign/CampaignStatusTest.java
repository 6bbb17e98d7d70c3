package io.clientele.campaign;

import static io.clientele.campaign.CampaignStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignStatusTest {
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "DRAFT, SUBMITTED, true",
        "DRAFT, APPROVED, false",
        "DRAFT, SCHEDULED, false",
        "SUBMITTED, APPROVED, true",
        "SUBMITTED, REJECTED, true",
        "SUBMITTED, SCHEDULED, false",
        "REJECTED, SUBMITTED, true",
        "REJECTED, APPROVED, false",
        "APPROVED, SCHEDULED, true",
        "APPROVED, RUNNING, false",
        "SCHEDULED, RUNNING, true",
        "RUNNING, COMPLETED, true",
        "RUNNING, CANCELLED, true",
        "COMPLETED, CANCELLED, false",
        "CANCELLED, DRAFT, false"
    })
    void movesOnlyAlongTheWorkflow(CampaignStatus from, CampaignStatus to, boolean allowed) {
        assertThat(from.next().contains(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}: editable {1}, may send {2}")
    @CsvSource({
        "DRAFT, true, false",
        "SUBMITTED, false, false",
        "APPROVED, false, false",
        "REJECTED, true, false",
        "SCHEDULED, false, true",
        "RUNNING, false, true",
        "COMPLETED, false, false",
        "CANCELLED, false, false"
    })
    void nothingIsSentBeforeApprovalAndOnlyDraftsChange(CampaignStatus status, boolean editable, boolean maySend) {
        assertThat(status.editable()).isEqualTo(editable);
        assertThat(status.maySend()).isEqualTo(maySend);
    }
}
