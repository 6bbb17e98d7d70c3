package io.clientele.campaign.material;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values of a customer's placeholders, by {@link MergeTemplate#NAMES}: whitelisted fields copied as plain
 * strings, blank ones left out so that the template's fallback shows. The preview builds them from one customer's
 * profile; the channels that render for many customers at once (letters) from one query's rows.
 */
public final class MergeFields {
    private MergeFields() {}

    public static Map<String, String> of(
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String city,
            @Nullable String homeStore,
            @Nullable String cardNumber,
            @Nullable String grade) {
        Map<String, String> values = new HashMap<>();
        put(values, "first_name", firstName);
        put(values, "last_name", lastName);
        put(values, "city", city);
        put(values, "home_store", homeStore);
        put(values, "card_number", cardNumber);
        put(values, "grade", grade);
        return values;
    }

    /** Adds an offer's fields ({@code offer.code}, {@code offer.description}, {@code offer.valid_until}). */
    public static Map<String, String> withOffer(
            Map<String, String> values,
            @Nullable String code,
            @Nullable String description,
            @Nullable String validUntil) {
        put(values, "offer.code", code);
        put(values, "offer.description", description);
        put(values, "offer.valid_until", validUntil);
        return values;
    }

    private static void put(Map<String, String> values, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }
}
