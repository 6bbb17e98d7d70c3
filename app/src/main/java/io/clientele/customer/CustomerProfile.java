package io.clientele.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Everything known about one customer's identity, demographics and consents. */
public record CustomerProfile(
        long id,
        @Nullable String externalId,
        @Nullable String cardNumber,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String gender,
        @Nullable LocalDate birthDate,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String addressLine,
        @Nullable String postalCode,
        @Nullable String city,
        @Nullable String region,
        @Nullable String incomeBand,
        @Nullable String occupation,
        @Nullable String education,
        @Nullable String homeStore,
        @Nullable String owner,
        @Nullable Instant firstPurchaseAt,
        @Nullable Instant lastPurchaseAt,
        Instant createdAt,
        List<Consent> consents) {

    public record Consent(String channel, boolean granted, String source, Instant recordedAt) {}

    public String name() {
        return Customers.displayName(firstName, lastName, externalId);
    }

    public @Nullable Integer age(LocalDate today) {
        return birthDate == null ? null : Period.between(birthDate, today).getYears();
    }

    public boolean prospect() {
        return firstPurchaseAt == null;
    }
}
