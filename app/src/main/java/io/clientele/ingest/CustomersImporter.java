package io.clientele.ingest;

import io.clientele.customer.ContactRules;
import io.clientele.customer.Education;
import io.clientele.customer.Gender;
import io.clientele.customer.IncomeBand;
import io.clientele.platform.db.CopyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Customers keyed by external id: new ones are created, known ones updated where a mapped, non-empty cell differs
 * (an empty cell never erases a value), identical ones counted as unchanged. Consent columns set the consent of
 * their channel with the source "import".
 */
record CustomersImporter(
        Connection connection, ReferenceData reference, int[] columns, ZoneId zone, long jobId, String user)
        implements Importer {
    private static final ImportKind KIND = ImportKind.CUSTOMERS;
    // the same enumerations as the customer form
    private static final Set<String> GENDERS = names(Gender.values());
    private static final Set<String> INCOME = names(IncomeBand.values());
    private static final Set<String> EDUCATION = names(Education.values());
    private static final String[] CHANNELS = {"EMAIL", "SMS", "MAIL", "PHONE"};
    private static final String COLUMNS =
            "external_id, card_number, first_name, last_name, gender, birth_date, email, phone, address_line, "
                    + "postal_code, city, region_id, income_band, occupation, education, home_store_id, created_at";

    @Override
    public Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        Staging.create(connection, """
                create temp table if not exists stg_customer (line_no bigint, external_id text, card_number text,
                    first_name text, last_name text, gender text, birth_date date, email text, phone text,
                    address_line text, postal_code text, city text, region_id smallint, income_band text,
                    occupation text, education text, home_store_id integer, created_at timestamptz,
                    consent_email boolean, consent_sms boolean, consent_mail boolean, consent_phone boolean)
                on commit delete rows""");
        Staging.create(
                connection, "create temp table if not exists stg_changed (customer_id bigint) on commit delete rows");
        CopyRows staged = new CopyRows();
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
            staged.add(row.line()).add(externalId).add(card);
            staged.add(row.maxLength(KIND.index("first_name"), 100)).add(row.maxLength(KIND.index("last_name"), 100));
            staged.add(row.oneOf(KIND.index("gender"), GENDERS))
                    .add(birthDate)
                    .add(email)
                    .add(phone);
            staged.add(row.maxLength(KIND.index("address_line"), 200))
                    .add(row.maxLength(KIND.index("postal_code"), 20));
            staged.add(row.maxLength(KIND.index("city"), 100))
                    .add(regionId)
                    .add(row.oneOf(KIND.index("income_band"), INCOME));
            staged.add(row.maxLength(KIND.index("occupation"), 100)).add(row.oneOf(KIND.index("education"), EDUCATION));
            staged.add(storeId).add(createdAt == null ? null : createdAt.toString());
            for (String channel : CHANNELS) {
                staged.add(row.bool(KIND.index("consent_" + channel.toLowerCase())));
            }
            if (row.valid()) {
                staged.endRow();
            } else {
                staged.discardRow();
            }
        }
        staged.copyInto(connection, "copy stg_customer from stdin");
        rejectCardsOfOtherCustomers(rejects);
        return upsert();
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

    /** A card number belongs to one customer: a row giving the card of a customer already stored is rejected. */
    private void rejectCardsOfOtherCustomers(List<Reject> rejects) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("""
                        delete from stg_customer s
                        where s.card_number is not null
                          and exists (select 1 from customer c
                                      where c.card_number = s.card_number and c.external_id <> s.external_id)
                        returning s.line_no, s.card_number""")) {
            while (rows.next()) {
                rejects.add(new Reject(
                        rows.getLong(1),
                        "card_number",
                        "card " + rows.getString(2) + " belongs to another customer",
                        null));
            }
        }
    }

    private Counts upsert() throws SQLException {
        try (var statement = connection.createStatement()) {
            // a customer merged away is updated through its survivor
            statement.executeUpdate("""
                    update stg_customer s set external_id = c.external_id
                    from customer_merge m join customer c on c.id = m.survivor_id
                    where m.merged_external_id = s.external_id
                      and not exists (select 1 from customer k where k.external_id = s.external_id)""");
        }
        long staged = Staging.count(connection, "stg_customer");
        // every customer written or whose consent changed is put on its timeline and counted once
        try (var upsert = connection.prepareStatement(UPSERT)) {
            upsert.setLong(1, jobId);
            upsert.setLong(2, jobId);
            upsert.setString(3, user);
            upsert.executeUpdate();
        }
        try (var consents = connection.prepareStatement("""
                with changed as (
                    insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                    select c.id, x.channel, x.granted, 'import', now()
                    from stg_customer s join customer c on c.external_id = s.external_id
                    cross join lateral (values ('EMAIL', s.consent_email), ('SMS', s.consent_sms),
                                               ('MAIL', s.consent_mail), ('PHONE', s.consent_phone)) x(channel, granted)
                    where x.granted is not null
                    on conflict (customer_id, channel) do update
                    set granted = excluded.granted, source = excluded.source, recorded_at = excluded.recorded_at
                    where customer_consent.granted <> excluded.granted
                    returning customer_id, channel, granted, source, recorded_at),
                events as (
                    insert into customer_consent_event (customer_id, channel, granted, source, recorded_at, recorded_by)
                    select customer_id, channel, granted, source, recorded_at, ? from changed),
                timeline as (
                    insert into interaction (customer_id, occurred_at, kind, channel, summary, details, source, created_by)
                    select customer_id, recorded_at, 'CONSENT_CHANGED', channel,
                           channel || ': ' || case when granted then 'granted' else 'refused' end || ' (import)',
                           jsonb_build_object('channel', channel, 'granted', granted, 'source', 'import',
                                              'import', ?::bigint),
                           'import', ? from changed)
                insert into stg_changed select customer_id from changed""")) {
            consents.setString(1, user);
            consents.setLong(2, jobId);
            consents.setString(3, user);
            consents.executeUpdate();
        }
        long changed = Staging.count(connection, "(select distinct customer_id from stg_changed) changed");
        return new Counts(changed, staged - changed);
    }

    /**
     * Inserts new customers and updates known ones where a non-empty cell differs (the key and the joining date
     * are not updated), then records each on its timeline. Parameters: job id twice, user.
     */
    private static final String UPSERT = upsertStatement();

    private static String upsertStatement() {
        StringBuilder set = new StringBuilder();
        StringBuilder current = new StringBuilder();
        StringBuilder next = new StringBuilder();
        for (String name : COLUMNS.split(", ")) {
            if (name.equals("external_id") || name.equals("created_at")) {
                continue;
            }
            String merged = "coalesce(excluded." + name + ", customer." + name + ")";
            set.append(set.isEmpty() ? "" : ", ").append(name).append(" = ").append(merged);
            current.append(current.isEmpty() ? "" : ", ").append("customer.").append(name);
            next.append(next.isEmpty() ? "" : ", ").append(merged);
        }
        return "with written as (insert into customer (" + COLUMNS + ", source, updated_at) select "
                + COLUMNS.replace("created_at", "coalesce(created_at, now())") + ", 'import', now() from stg_customer "
                + "on conflict (external_id) do update set " + set + ", updated_at = now() "
                + "where (" + current + ") is distinct from (" + next + ") returning id, xmax = 0 as created)"
                + ", timeline as (insert into interaction (customer_id, occurred_at, kind, summary, details, source, "
                + "created_by) select id, now(), 'IMPORTED', case when created then 'Created by import ' else "
                + "'Updated by import ' end || ?, jsonb_build_object('import', ?::bigint), 'import', ? from written) "
                + "insert into stg_changed select id from written";
    }
}
