package io.clientele.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.api.*}: {@code rate-limit.per-minute} is the budget of requests a minute of an API token that was
 * issued without a budget of its own; requests of signed-in people (sessions) have none.
 */
@ConfigurationProperties("clientele.api")
record ApiProperties(@DefaultValue RateLimit rateLimit) {
    record RateLimit(@DefaultValue("600") int perMinute) {
        RateLimit {
            if (perMinute < 1) {
                throw new IllegalArgumentException("clientele.api.rate-limit.per-minute: at least 1, not " + perMinute);
            }
        }
    }
}
