package io.clientele.campaign;

/** What a campaign is for (PRODUCT.md M5). */
public enum CampaignPurpose {
    BRAND,
    ACQUISITION,
    PARTNER_RECRUITMENT,
    RETENTION,
    CROSS_SELL,
    WIN_BACK
}
