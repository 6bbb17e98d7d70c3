package io.clientele.customer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The editable fields of a customer as entered: the body of {@code POST} and {@code PUT /api/v1/customers}, and
 * what the edit form (and later the imports) produce. All text, so that a wrong value becomes a field error
 * naming the field rather than a parse failure. Region and home store are given by their codes, the owner by user
 * name; custom attributes are a flat object of text, number and true/false values.
 */
public record CustomerInput(
        @Nullable String externalId,
        @Nullable String cardNumber,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String gender,
        @Nullable String birthDate,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String addressLine,
        @Nullable String postalCode,
        @Nullable String city,
        @Nullable String regionCode,
        @Nullable String incomeBand,
        @Nullable String occupation,
        @Nullable String education,
        @Nullable String homeStoreCode,
        @Nullable String owner,
        @Nullable Map<String, Object> customAttributes) {

    /**
     * Text trimmed and blanks dropped, codes in upper case, attribute numbers canonical: the form in which values
     * are checked, stored and compared.
     */
    public CustomerInput normalised() {
        return new CustomerInput(
                text(externalId),
                text(cardNumber),
                text(firstName),
                text(lastName),
                code(gender),
                text(birthDate),
                text(email),
                text(phone),
                text(addressLine),
                text(postalCode),
                text(city),
                code(regionCode),
                code(incomeBand),
                text(occupation),
                code(education),
                code(homeStoreCode),
                text(owner),
                CustomAttributes.canonical(customAttributes));
    }

    /** This customer's values with its empty fields taken from {@code other}; attributes: ours win, theirs fill gaps. */
    CustomerInput filledFrom(CustomerInput other) {
        return new CustomerInput(
                first(externalId, other.externalId),
                first(cardNumber, other.cardNumber),
                first(firstName, other.firstName),
                first(lastName, other.lastName),
                first(gender, other.gender),
                first(birthDate, other.birthDate),
                first(email, other.email),
                first(phone, other.phone),
                first(addressLine, other.addressLine),
                first(postalCode, other.postalCode),
                first(city, other.city),
                first(regionCode, other.regionCode),
                first(incomeBand, other.incomeBand),
                first(occupation, other.occupation),
                first(education, other.education),
                first(homeStoreCode, other.homeStoreCode),
                first(owner, other.owner),
                CustomAttributes.fill(attributes(), other.attributes()));
    }

    Map<String, Object> attributes() {
        return customAttributes == null ? Map.of() : customAttributes;
    }

    /** Field name to value (null when empty), each custom attribute as {@code customAttributes.<key>}. */
    Map<String, @Nullable Object> fields() {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("externalId", externalId);
        fields.put("cardNumber", cardNumber);
        fields.put("firstName", firstName);
        fields.put("lastName", lastName);
        fields.put("gender", gender);
        fields.put("birthDate", birthDate);
        fields.put("email", email);
        fields.put("phone", phone);
        fields.put("addressLine", addressLine);
        fields.put("postalCode", postalCode);
        fields.put("city", city);
        fields.put("regionCode", regionCode);
        fields.put("incomeBand", incomeBand);
        fields.put("occupation", occupation);
        fields.put("education", education);
        fields.put("homeStoreCode", homeStoreCode);
        fields.put("owner", owner);
        attributes().forEach((key, value) -> fields.put("customAttributes." + key, value));
        return fields;
    }

    private static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable String code(@Nullable String value) {
        String text = text(value);
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    private static @Nullable String first(@Nullable String value, @Nullable String fallback) {
        return value != null ? value : fallback;
    }
}
