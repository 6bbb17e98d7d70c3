package io.clientele.customer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Everything known about one customer's identity, demographics, consents, tags and custom attributes. */
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
        @Nullable String regionCode,
        @Nullable String region,
        @Nullable String incomeBand,
        @Nullable String occupation,
        @Nullable String education,
        @Nullable String homeStoreCode,
        @Nullable String homeStore,
        @Nullable String owner,
        @Nullable String source,
        Map<String, Object> customAttributes,
        List<String> tags,
        List<Consent> consents,
        @Nullable Instant firstPurchaseAt,
        @Nullable Instant lastPurchaseAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The current state of one channel: the latest consent given or withdrawn. */
    public record Consent(ConsentChannel channel, boolean granted, String source, Instant recordedAt) {}

    @JsonProperty
    public String name() {
        return Customers.displayName(firstName, lastName, externalId);
    }

    public @Nullable Integer age(LocalDate today) {
        return birthDate == null ? null : Period.between(birthDate, today).getYears();
    }

    @JsonProperty
    public boolean prospect() {
        return firstPurchaseAt == null;
    }

    /** The editable fields as they are stored: what the edit form starts from and a merge fills. */
    public CustomerInput toInput() {
        return new CustomerInput(
                externalId,
                cardNumber,
                firstName,
                lastName,
                gender,
                birthDate == null ? null : birthDate.toString(),
                email,
                phone,
                addressLine,
                postalCode,
                city,
                regionCode,
                incomeBand,
                occupation,
                education,
                homeStoreCode,
                owner,
                customAttributes);
    }
}
