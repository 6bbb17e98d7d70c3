package io.clientele.ingest;

import io.clientele.customer.BulkCustomers;
import io.clientele.customer.ConsentChannel;
import io.clientele.customer.ContactRules;
import io.clientele.customer.Education;
import io.clientele.customer.Gender;
import io.clientele.customer.IncomeBand;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Customers keyed by external id: new ones are created, known ones updated where a mapped, non-empty cell differs
 * (an empty cell never erases a value), identical ones counted as unchanged. Consent columns set the consent of
 * their channel with the source "import". This checks each row and resolves its codes; the customer feature writes
 * the chunk ({@link BulkCustomers#importRows}).
 */
record CustomersImporter(
        Connection connection, ReferenceData reference, int[] columns, ZoneId zone, long jobId, String user)
        implements Importer {
    private static final ImportKind KIND = ImportKind.CUSTOMERS;
    // the same enumerations as the customer form
    private static final Set<String> GENDERS = names(Gender.values());
    private static final Set<String> INCOME = names(IncomeBand.values());
    private static final Set<String> EDUCATION = names(Education.values());

    @Override
    public Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        List<BulkCustomers.Row> valid = new ArrayList<>(lines.size());
        Map<String, Long> seen = new HashMap<>();
        Map<String, Long> cards = new HashMap<>();
        for (Row row : Row.readable(KIND, columns, lines, rejects, zone)) {
            String externalId = row.required(KIND.index("external_id"));
            row.firstOccurrence(KIND.index("external_id"), externalId, seen, "customer");
            String card = row.maxLength(KIND.index("card_number"), 40);
            row.firstOccurrence(KIND.index("card_number"), card, cards, "card");
            String email = row.maxLength(KIND.index("email"), 254);
            if (email != null && !ContactRules.isEmail(email)) {
                row.reject("email", "not an email address: '" + email + "'");
            }
            String phone = row.text(KIND.index("phone"));
            if (phone != null && !ContactRules.isPhone(phone)) {
                row.reject("phone", "not a phone number: '" + phone + "'");
            }
            LocalDate birthDate = row.date(KIND.index("birth_date"));
            if (birthDate != null
                    && (birthDate.isAfter(LocalDate.now(zone))
                            || birthDate.isBefore(LocalDate.now(zone).minusYears(120)))) {
                row.reject("birth_date", "not a plausible birth date: " + birthDate);
            }
            Integer regionId = code(row, KIND.index("region_code"), reference.regions, "region");
            Integer storeId = code(row, KIND.index("home_store_code"), reference.stores, "store");
            Instant createdAt = row.instant(KIND.index("created_at"), false);
            String firstName = row.maxLength(KIND.index("first_name"), 100);
            String lastName = row.maxLength(KIND.index("last_name"), 100);
            String gender = row.oneOf(KIND.index("gender"), GENDERS);
            String addressLine = row.maxLength(KIND.index("address_line"), 200);
            String postalCode = row.maxLength(KIND.index("postal_code"), 20);
            String city = row.maxLength(KIND.index("city"), 100);
            String incomeBand = row.oneOf(KIND.index("income_band"), INCOME);
            String occupation = row.maxLength(KIND.index("occupation"), 100);
            String education = row.oneOf(KIND.index("education"), EDUCATION);
            Map<ConsentChannel, Boolean> consents = new EnumMap<>(ConsentChannel.class);
            for (ConsentChannel channel : ConsentChannel.values()) {
                Boolean granted =
                        row.bool(KIND.index("consent_" + channel.name().toLowerCase(Locale.ROOT)));
                if (granted != null) {
                    consents.put(channel, granted);
                }
            }
            if (row.valid()) {
                valid.add(new BulkCustomers.Row(
                        row.line(),
                        externalId,
                        card,
                        firstName,
                        lastName,
                        gender,
                        birthDate,
                        email,
                        phone,
                        addressLine,
                        postalCode,
                        city,
                        regionId,
                        incomeBand,
                        occupation,
                        education,
                        storeId,
                        createdAt,
                        consents));
            }
        }
        BulkCustomers.Imported imported = BulkCustomers.importRows(connection, valid, jobId, user);
        for (BulkCustomers.Refused refused : imported.refused()) {
            rejects.add(new Reject(refused.line(), refused.field(), refused.reason(), null));
        }
        return new Counts(imported.changed(), imported.unchanged());
    }

    private static Set<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).collect(java.util.stream.Collectors.toSet());
    }

    private static Integer code(Row row, int field, Map<String, Integer> known, String what) {
        String code = row.text(field);
        if (code == null) {
            return null;
        }
        Integer id = known.get(code);
        if (id == null) {
            row.reject(row.fieldName(field), "unknown " + what + " '" + code + "'");
        }
        return id;
    }
}
