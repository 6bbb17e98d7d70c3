package io.clientele.campaign.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** The two-proportion z-test of the control comparison, against values worked by hand. */
class CampaignResultsTest {
    @Test
    void aClearDifferenceOnLargeGroupsIsSignificant() {
        // pooled 350/2000 = 0.175; se = sqrt(0.175 · 0.825 · (1/1000 + 1/1000)) = 0.016993; z = 0.05 / se = 2.9424
        CampaignResults.Test test =
                CampaignResults.test(new CampaignResults.Group(1000, 200), new CampaignResults.Group(1000, 150));
        assertThat(test.uplift()).isCloseTo(0.05, offset(1e-12));
        assertThat(test.z()).isCloseTo(2.9424, offset(1e-3));
        assertThat(test.p()).isCloseTo(0.00326, offset(1e-4));
        // unpooled: sqrt(0.2 · 0.8 / 1000 + 0.15 · 0.85 / 1000) = 0.016956; 0.05 ± 1.96 · 0.016956
        assertThat(test.lower95()).isCloseTo(0.01677, offset(1e-4));
        assertThat(test.upper95()).isCloseTo(0.08323, offset(1e-4));
        assertThat(test.verdict()).isEqualTo(CampaignResults.Verdict.SIGNIFICANT);
    }

    @Test
    void aSmallDifferenceIsNotSignificant() {
        // pooled 97/1000; se = sqrt(0.097 · 0.903 · 0.004) = 0.018718; z = 0.014 / se = 0.7479; p = 0.4545
        CampaignResults.Test test =
                CampaignResults.test(new CampaignResults.Group(500, 52), new CampaignResults.Group(500, 45));
        assertThat(test.z()).isCloseTo(0.7479, offset(1e-3));
        assertThat(test.p()).isCloseTo(0.4545, offset(1e-3));
        assertThat(test.verdict()).isEqualTo(CampaignResults.Verdict.NOT_SIGNIFICANT);
    }

    @Test
    void smallGroupsGiveNoVerdictEvenWithALargeDifference() {
        assertThat(CampaignResults.test(new CampaignResults.Group(20, 18), new CampaignResults.Group(20, 2))
                        .verdict())
                .isEqualTo(CampaignResults.Verdict.TOO_FEW);
        assertThat(CampaignResults.test(new CampaignResults.Group(1000, 0), new CampaignResults.Group(1000, 0))
                        .verdict())
                .isEqualTo(CampaignResults.Verdict.TOO_FEW);
        assertThat(CampaignResults.test(new CampaignResults.Group(10, 1), new CampaignResults.Group(0, 0))
                        .uplift())
                .isNull();
    }
}
