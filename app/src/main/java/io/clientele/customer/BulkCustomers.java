package io.clientele.customer;

import io.clientele.platform.db.CopyRows;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Customers written in bulk on the caller's connection, in its transaction: a chunk of a customers import, or a
 * loader's data set. The rows go to a temporary table with one COPY, then a few set-based statements write the
 * customers, their consents with the consents' history, and timeline entries; a round trip per customer would not
 * keep up with millions of them. The values are taken as the caller checked them (an import checks the rules of the
 * customer form); the rules that need the stored customers are checked here.
 */
public final class BulkCustomers {
    private BulkCustomers() {}

    /**
     * A customer as a file or a data set gives it: region and home store by id (the caller resolved their codes), a
     * consent per channel given (true or false) or not.
     *
     * @param line the caller's reference to the row (a file's line number), unique among the rows of a call and given
     *     back when the row is refused
     */
    public record Row(
            long line,
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
            @Nullable Integer regionId,
            @Nullable String incomeBand,
            @Nullable String occupation,
            @Nullable String education,
            @Nullable Integer homeStoreId,
            @Nullable Instant createdAt,
            Map<ConsentChannel, Boolean> consents) {}

    /** A row that was not written, and why, naming the field. */
    public record Refused(long line, String field, String reason) {}

    /**
     * @param changed customers created, or changed in a field or a consent
     * @param unchanged rows that changed nothing
     */
    public record Imported(long changed, long unchanged, List<Refused> refused) {}

    private static final String COLUMNS =
            "external_id, card_number, first_name, last_name, gender, birth_date, email, phone, address_line, "
                    + "postal_code, city, region_id, income_band, occupation, education, home_store_id, created_at";

    /**
     * A chunk of an import, keyed by customer number ({@code externalId}, required): new customers are created, known
     * ones updated where a non-empty value differs (an empty one never erases a value; the customer number and the
     * joining date stay), and a given consent replaces a different one (source {@code import}, with its history). A
     * customer merged away is updated through its survivor; a card that belongs to another customer refuses the row.
     * Each customer created or changed gets an IMPORTED timeline entry, each changed consent a CONSENT_CHANGED one.
     */
    public static Imported importRows(Connection connection, List<Row> rows, long importJobId, String user)
            throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temp table if not exists stg_customer_import (line_no bigint, external_id text,
                        card_number text, first_name text, last_name text, gender text, birth_date date, email text,
                        phone text, address_line text, postal_code text, city text, region_id smallint,
                        income_band text, occupation text, education text, home_store_id integer,
                        created_at timestamptz, consent_email boolean, consent_sms boolean, consent_mail boolean,
                        consent_phone boolean)
                    on commit delete rows""");
            statement.execute(
                    "create temp table if not exists stg_customer_changed (customer_id bigint) on commit delete rows");
            statement.execute("truncate stg_customer_import, stg_customer_changed");
        }
        copy(connection, rows, "copy stg_customer_import from stdin");
        List<Refused> refused = refuseCardsOfOtherCustomers(connection);
        long staged;
        try (var statement = connection.createStatement()) {
            // a customer merged away is updated through its survivor
            statement.executeUpdate("""
                    update stg_customer_import s set external_id = c.external_id
                    from customer_merge m join customer c on c.id = m.survivor_id
                    where m.merged_external_id = s.external_id
                      and not exists (select 1 from customer k where k.external_id = s.external_id)""");
            staged = count(statement, "stg_customer_import");
        }
        // every customer written or whose consent changed is put on its timeline and counted once
        try (var upsert = connection.prepareStatement(UPSERT)) {
            upsert.setLong(1, importJobId);
            upsert.setLong(2, importJobId);
            upsert.setString(3, user);
            upsert.executeUpdate();
        }
        try (var consents = connection.prepareStatement("""
                with changed as (
                    insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                    select c.id, x.channel, x.granted, 'import', now()
                    from stg_customer_import s join customer c on c.external_id = s.external_id
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
                insert into stg_customer_changed select customer_id from changed""")) {
            consents.setString(1, user);
            consents.setLong(2, importJobId);
            consents.setString(3, user);
            consents.executeUpdate();
        }
        long changed;
        try (var statement = connection.createStatement()) {
            changed = count(statement, "(select distinct customer_id from stg_customer_changed) changed");
        }
        return new Imported(changed, staged - changed, refused);
    }

    /** A card number belongs to one customer: a row giving the card of another stored customer is refused. */
    private static List<Refused> refuseCardsOfOtherCustomers(Connection connection) throws SQLException {
        List<Refused> refused = new ArrayList<>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("""
                        delete from stg_customer_import s
                        where s.card_number is not null
                          and exists (select 1 from customer c
                                      where c.card_number = s.card_number and c.external_id <> s.external_id)
                        returning s.line_no, s.card_number""")) {
            while (rows.next()) {
                refused.add(new Refused(
                        rows.getLong(1), "card_number", "card " + rows.getString(2) + " belongs to another customer"));
            }
        }
        return refused;
    }

    /**
     * Inserts new customers and updates known ones where a non-empty cell differs (the key and the joining date are
     * not updated), then records each on its timeline. Parameters: job id twice, user.
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
                + COLUMNS.replace("created_at", "coalesce(created_at, now())") + ", 'import', now() "
                + "from stg_customer_import on conflict (external_id) do update set " + set + ", updated_at = now() "
                + "where (" + current + ") is distinct from (" + next + ") returning id, xmax = 0 as created)"
                + ", timeline as (insert into interaction (customer_id, occurred_at, kind, summary, details, source, "
                + "created_by) select id, now(), 'IMPORTED', case when created then 'Created by import ' else "
                + "'Updated by import ' end || ?, jsonb_build_object('import', ?::bigint), 'import', ? from written) "
                + "insert into stg_customer_changed select id from written";
    }

    /**
     * New customers as they were in the system they come from (a data set loaded into an empty database): created
     * and last updated at their {@code createdAt} (now when not given), with {@code source}; each given consent as
     * given at registration (source {@code registration}, at the same time), with its history event. Nothing goes on
     * the timeline. Ids follow the order of the rows. Answers how many customers were written.
     */
    public static long loadAsTheyWere(Connection connection, List<Row> rows, String source) throws SQLException {
        stageLoad(connection);
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temp table if not exists stg_customer_rows (line_no bigint, external_id text,
                        card_number text, first_name text, last_name text, gender text, birth_date date, email text,
                        phone text, address_line text, postal_code text, city text, region_id smallint,
                        income_band text, occupation text, education text, home_store_id integer,
                        created_at timestamptz, consent_email boolean, consent_sms boolean, consent_mail boolean,
                        consent_phone boolean)
                    on commit drop;
                    truncate stg_customer_rows""");
        }
        copy(connection, rows, "copy stg_customer_rows from stdin");
        try (var statement = connection.createStatement()) {
            statement.executeUpdate("insert into stg_customer_load select " + NEXT_ID + ", r.* from stg_customer_rows r"
                    + " order by r.line_no");
        }
        return writeLoaded(connection, source);
    }

    /**
     * As {@link #loadAsTheyWere(Connection, List, String)}, from a CSV file of trusted, generated rows (the demo data
     * set's {@code customers.csv}) with one COPY: a header row, then the columns external_id, card_number,
     * first_name, last_name, gender, birth_date, email, phone, address_line, postal_code, city, region_code,
     * income_band, occupation, education, home_store_code, created_at, consent_email, consent_sms, consent_mail,
     * consent_phone. Region and home store are named by code (of regions and stores stored before).
     */
    public static long loadAsTheyWere(Connection connection, Reader customersCsv, String source)
            throws SQLException, IOException {
        stageLoad(connection);
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temp table if not exists stg_customer_file (line_no bigint generated always as identity,
                        external_id text, card_number text, first_name text, last_name text, gender text,
                        birth_date date, email text, phone text, address_line text, postal_code text, city text,
                        region_code text, income_band text, occupation text, education text, home_store_code text,
                        created_at timestamptz, consent_email boolean, consent_sms boolean, consent_mail boolean,
                        consent_phone boolean)
                    on commit drop;
                    truncate stg_customer_file""");
        }
        CopyRows.copyIn(connection, """
                        copy stg_customer_file (external_id, card_number, first_name, last_name, gender, birth_date,
                            email, phone, address_line, postal_code, city, region_code, income_band, occupation,
                            education, home_store_code, created_at, consent_email, consent_sms, consent_mail,
                            consent_phone)
                        from stdin with (format csv, header match)""", customersCsv);
        try (var statement = connection.createStatement()) {
            statement.executeUpdate("""
                    insert into stg_customer_load
                    select %s, f.line_no, f.external_id, f.card_number, f.first_name, f.last_name, f.gender,
                           f.birth_date, f.email, f.phone, f.address_line, f.postal_code, f.city, r.id,
                           f.income_band, f.occupation, f.education, s.id, f.created_at, f.consent_email,
                           f.consent_sms, f.consent_mail, f.consent_phone
                    from stg_customer_file f left join region r on r.code = f.region_code
                    left join store s on s.code = f.home_store_code
                    order by f.line_no""".formatted(NEXT_ID));
        }
        return writeLoaded(connection, source);
    }

    /**
     * A new customer id: in a select with ORDER BY, PostgreSQL takes it after sorting, so ids follow the rows' order
     * (the physical order of a table is no order: a small row may fill a gap in an earlier page).
     */
    private static final String NEXT_ID = "nextval(pg_get_serial_sequence('customer', 'id'))";

    /** The customers to write, with their ids: {@link #writeLoaded} writes them. */
    private static void stageLoad(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temp table if not exists stg_customer_load (id bigint, line_no bigint, external_id text,
                        card_number text, first_name text, last_name text, gender text, birth_date date, email text,
                        phone text, address_line text, postal_code text, city text, region_id smallint,
                        income_band text, occupation text, education text, home_store_id integer,
                        created_at timestamptz, consent_email boolean, consent_sms boolean, consent_mail boolean,
                        consent_phone boolean)
                    on commit delete rows;
                    truncate stg_customer_load""");
        }
    }

    /** Writes the customers of {@code stg_customer_load} and their consents, which find them by the staged id. */
    private static long writeLoaded(Connection connection, String source) throws SQLException {
        long written;
        try (var insert = connection.prepareStatement("insert into customer (id, " + COLUMNS
                + ", updated_at, source) select id, " + COLUMNS.replace("created_at", "coalesce(created_at, now())")
                + ", coalesce(created_at, now()), ? from stg_customer_load order by id")) {
            insert.setString(1, source);
            written = insert.executeUpdate();
        }
        try (var statement = connection.createStatement()) {
            statement.executeUpdate("""
                    with given as (
                        insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                        select s.id, x.channel, x.granted, 'registration', coalesce(s.created_at, now())
                        from stg_customer_load s
                        cross join lateral (values ('EMAIL', s.consent_email), ('SMS', s.consent_sms),
                                                   ('MAIL', s.consent_mail), ('PHONE', s.consent_phone))
                                   as x(channel, granted)
                        where x.granted is not null
                        returning customer_id, channel, granted, source, recorded_at)
                    insert into customer_consent_event (customer_id, channel, granted, source, recorded_at)
                    select customer_id, channel, granted, source, recorded_at from given""");
        }
        return written;
    }

    private static void copy(Connection connection, List<Row> rows, String copyFromStdin) throws SQLException {
        CopyRows staged = new CopyRows();
        for (Row row : rows) {
            staged.add(row.line())
                    .add(row.externalId())
                    .add(row.cardNumber())
                    .add(row.firstName())
                    .add(row.lastName())
                    .add(row.gender())
                    .add(row.birthDate())
                    .add(row.email())
                    .add(row.phone())
                    .add(row.addressLine())
                    .add(row.postalCode())
                    .add(row.city())
                    .add(row.regionId())
                    .add(row.incomeBand())
                    .add(row.occupation())
                    .add(row.education())
                    .add(row.homeStoreId())
                    .add(row.createdAt());
            for (ConsentChannel channel : ConsentChannel.values()) {
                staged.add(row.consents().get(channel));
            }
            staged.endRow();
        }
        staged.copyInto(connection, copyFromStdin);
    }

    private static long count(java.sql.Statement statement, String table) throws SQLException {
        try (var rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
