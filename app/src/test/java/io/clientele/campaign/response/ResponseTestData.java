package io.clientele.campaign.response;

import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import java.util.UUID;

/** Test data the response tests share. */
final class ResponseTestData {
    private ResponseTestData() {}

    /** A plain email material (CampaignFixtures.emailMaterial's {{offer}} placeholder is refused by the library). */
    static long emailMaterial(Materials materials) {
        return materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Response test email " + UUID.randomUUID(),
                                "Hello {{first_name|friend}}",
                                "<p>Dear {{first_name|customer}}, {{offer.description}}</p>"
                                        + "<p><a href=\"https://shop.example.com/spring?x=1\">Shop now</a></p>",
                                "Dear {{first_name|customer}}, {{offer.description}}",
                                null,
                                null),
                        "marketer")
                .id();
    }
}
