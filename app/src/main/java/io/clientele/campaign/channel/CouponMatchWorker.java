package io.clientele.campaign.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Matches new receipts against coupon codes in the server, on one node at a time. Off in commands. */
@Component
@ConditionalOnProperty(name = "clientele.jobs.enabled", havingValue = "true", matchIfMissing = true)
class CouponMatchWorker {
    private static final Logger log = LoggerFactory.getLogger(CouponMatchWorker.class);
    private final CouponRedemptions redemptions;

    CouponMatchWorker(CouponRedemptions redemptions) {
        this.redemptions = redemptions;
    }

    @Scheduled(
            fixedDelayString = "${clientele.campaign.coupon-match-millis:15000}",
            initialDelayString = "${clientele.campaign.coupon-match-millis:15000}")
    void match() {
        int recorded = redemptions.matchNew();
        if (recorded > 0) {
            log.info("Recorded {} coupon redemptions from new receipts", recorded);
        }
    }
}
