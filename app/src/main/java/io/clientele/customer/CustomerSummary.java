package io.clientele.customer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A row of the customer list. A prospect has not bought anything yet. */
public record CustomerSummary(
        long id,
        @Nullable String externalId,
        @Nullable String cardNumber,
        String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String city,
        @Nullable Instant lastPurchaseAt,
        Instant createdAt) {
    @JsonProperty
    public boolean prospect() {
        return lastPurchaseAt == null;
    }
}
