package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import io.clientele.platform.csv.CsvFileException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Imports over the real database: what lands, what is rejected with line and field, and what a retry changes. */
class ImportIntegrationTest extends ApplicationTestSupport {
    private static final AtomicInteger SOURCES = new AtomicInteger();

    @Autowired
    ImportJobs jobs;

    @Autowired
    ImportRunner runner;

    @TempDir
    Path temp;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
    }

    private ImportJob importFile(ImportKind kind, Path file, String source) throws IOException {
        ImportJob job = jobs.create(kind, source, file, file.getFileName().toString(), null, "test");
        return runner.run(jobs.mapForForeground(job.id(), job.mapping()), progress -> {});
    }

    private static String source() {
        return "IT-" + SOURCES.incrementAndGet();
    }

    private String aStore() {
        return jdbc.sql("select code from store order by id limit 1")
                .query(String.class)
                .single();
    }

    private String aSku() {
        return jdbc.sql("select sku from product order by id limit 1")
                .query(String.class)
                .single();
    }

    private long count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    @Test
    void customersWithBomSemicolonsAndQuotesLandOnceAndChangesAreApplied() throws IOException {
        String csv = "\uFEFFCustomer No;First Name;Last Name;E-Mail;City;consent_email\n"
                + "IMP-A1;Ada;\"Lovelace; Countess\";ada@example.com;London;yes\n"
                + "IMP-A2;Alan;Turing;alan@example.com;\"Wilmslow\";no\n";
        ImportJob first = importFile(ImportKind.CUSTOMERS, file("customers.csv", csv), "POS");
        assertThat(first.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(List.of(first.read(), first.imported(), first.unchanged(), first.rejected()))
                .containsExactly(2L, 2L, 0L, 0L);
        assertThat(jdbc.sql("select last_name from customer where external_id = 'IMP-A1'")
                        .query(String.class)
                        .single())
                .isEqualTo("Lovelace; Countess");
        assertThat(count("select count(*) from customer_consent c join customer u on u.id = c.customer_id "
                        + "where u.external_id = 'IMP-A1' and c.channel = 'EMAIL' and c.granted"))
                .isOne();

        ImportJob again = importFile(ImportKind.CUSTOMERS, file("again.csv", csv), "POS");
        assertThat(List.of(again.imported(), again.unchanged())).containsExactly(0L, 2L);

        ImportJob changed = importFile(
                ImportKind.CUSTOMERS,
                file(
                        "changed.csv",
                        csv.replace("London", "Marylebone").replace(";Turing;alan@example.com;", ";Turing;;")),
                "POS");
        assertThat(List.of(changed.imported(), changed.unchanged())).containsExactly(1L, 1L);
        assertThat(jdbc.sql("select city || ' ' || email from customer where external_id in ('IMP-A1', 'IMP-A2') "
                                + "order by external_id")
                        .query(String.class)
                        .list())
                .as("a changed value is applied, an empty cell erases nothing")
                .containsExactly("Marylebone ada@example.com", "Wilmslow alan@example.com");
    }

    @Test
    void badCustomerRowsAreRejectedWithLineFieldAndReasonWhileTheOthersLand() throws IOException {
        String csv = "external_id,email,birth_date,gender,home_store_code,phone\n"
                + "IMP-B1,b1@example.com,1980-02-29,F,,\n"
                + "IMP-B2,not-an-email,1980-01-01,F,,\n"
                + "IMP-B3,b3@example.com,31/02/2020,F,,\n"
                + "IMP-B4,b4@example.com,1980-01-01,Q,,\n"
                + "IMP-B5,b5@example.com,1980-01-01,M,NOPE,\n"
                + ",b6@example.com,1980-01-01,M,,\n"
                + "IMP-B1,b1bis@example.com,,,,\n"
                + "IMP-B8,b8@example.com,,,,call me\n";
        ImportJob job = importFile(ImportKind.CUSTOMERS, file("bad.csv", csv), "POS");
        assertThat(List.of(job.read(), job.imported(), job.rejected())).containsExactly(8L, 1L, 7L);
        assertThat(jobs.rejects(job.id(), 0, 50).items())
                .extracting(r -> r.line() + " " + r.field() + ": " + r.reason())
                .containsExactly(
                        "3 email: not an email address: 'not-an-email'",
                        "4 birth_date: not a date: '31/02/2020' (use yyyy-MM-dd)",
                        "5 gender: 'Q' is not one of F, M, X",
                        "6 home_store_code: unknown store 'NOPE'",
                        "7 external_id: required",
                        "8 external_id: customer IMP-B1 already appeared at line 2",
                        "9 phone: not a phone number: 'call me'");
        assertThat(count("select count(*) from customer where external_id like 'IMP-B%'"))
                .isOne();
    }

    @Test
    void salesWithReturnsCancellationsAnonymousCardsAndBadReceipts() throws IOException {
        String store = aStore();
        String sku = aSku();
        String card = jdbc.sql("select card_number from customer where card_number is not null order by id limit 1")
                .query(String.class)
                .single();
        String header = "receipt_id,kind,store_code,sold_at,card_number,sku,quantity,unit_price,discount\n";
        String csv = header
                + "S1,,%1$s,2025-06-01T10:00:00Z,%3$s,%2$s,2,10.00,1.00\n"
                + "S1,,%1$s,2025-06-01T10:00:00Z,%3$s,%2$s,1,5.00,\n"
                + "S2,RETURN,%1$s,2025-06-02T10:00:00Z,%3$s,%2$s,-1,10.00,-0.50\n"
                + "S3,VOID,%1$s,2025-06-02T11:00:00Z,,%2$s,1,10.00,0\n"
                + "S4,,%1$s,2025-06-03T11:00:00Z,999999999999,%2$s,1,10.00,0\n"
                + "S5,,%1$s,2025-06-03T12:00:00Z,,NO-SUCH-SKU,1,10.00,0\n"
                + "S5,,%1$s,2025-06-03T12:00:00Z,,%2$s,1,10.00,0\n"
                + "S6,,NO-STORE,2025-06-03T12:00:00Z,,%2$s,1,10.00,0\n"
                + "S7,,%1$s,2025-06-03T13:00:00Z,,%2$s,one,10.00,0\n"
                + "S8,,%1$s,2025-06-03T14:00:00Z,,%2$s,1,10.00,0\n"
                + "S9,,%1$s,2025-06-03T15:00:00Z,,%2$s,1,12.999,0\n"
                + "S8,,%1$s,2025-06-03T14:00:00Z,,%2$s,1,10.00,0\n"
                + "S10,RETURN,%1$s,2025-06-04T15:00:00Z,,%2$s,2,10.00,0\n";
        String source = source();
        ImportJob job = importFile(ImportKind.SALES, file("sales.csv", csv.formatted(store, sku, card)), source);

        assertThat(List.of(job.read(), job.imported(), job.rejected())).containsExactly(13L, 6L, 7L);
        assertThat(jdbc.sql(
                                "select receipt_id || ' ' || kind || ' ' || total_amount || ' '"
                                        + " || coalesce(customer_id::text, '-') from sale where source = :s order by receipt_id")
                        .param("s", source)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "S1 SALE 24.00 " + customerOf(card),
                        "S2 RETURN -9.50 " + customerOf(card),
                        "S3 CANCELLED 10.00 -",
                        "S4 SALE 10.00 -",
                        "S8 SALE 10.00 -");
        assertThat(jdbc.sql("select card_number from sale where source = :s and receipt_id = 'S4'")
                        .param("s", source)
                        .query(String.class)
                        .single())
                .as("an unknown card is kept on an anonymous sale")
                .isEqualTo("999999999999");
        assertThat(jobs.rejects(job.id(), 0, 50).items())
                .extracting(r -> r.line() + " " + r.field() + ": " + r.reason())
                .containsExactly(
                        "7 sku: unknown product 'NO-SUCH-SKU'; import products first",
                        "8 null: receipt S5 not imported: another of its lines has an error",
                        "9 store_code: unknown store 'NO-STORE'; import stores first",
                        "10 quantity: not a whole number: 'one'",
                        "12 unit_price: not an amount: '12.999' (use digits with at most 2 decimals, e.g. 12.50)",
                        "13 receipt_id: receipt S8 already appeared at line 11; the lines of a receipt must be "
                                + "consecutive",
                        "14 quantity: a return's quantities must be negative");
    }

    private long customerOf(String card) {
        return count("select id from customer where card_number = ?", card);
    }

    @Test
    void reimportingTheSameSalesFileAddsNothing() throws IOException {
        String csv = "receipt_id,store_code,sold_at,sku,quantity,unit_price\n"
                + "T1,%1$s,2025-07-01T10:00:00Z,%2$s,1,3.00\nT2,%1$s,2025-07-01T11:00:00Z,%2$s,2,3.00\n";
        Path file = file("twice.csv", csv.formatted(aStore(), aSku()));
        String source = source();
        ImportJob first = importFile(ImportKind.SALES, file, source);
        ImportJob second = importFile(ImportKind.SALES, file("twice-again.csv", Files.readString(file)), source);
        assertThat(List.of(first.imported(), first.unchanged())).containsExactly(2L, 0L);
        assertThat(List.of(second.imported(), second.unchanged(), second.rejected()))
                .containsExactly(0L, 2L, 0L);
        assertThat(count("select count(*) from sale where source = ?", source)).isEqualTo(2);
    }

    @Test
    void anImportStoppedBetweenChunksResumesWithNothingLostAndNothingTwice() throws IOException {
        StringBuilder csv = new StringBuilder("receipt_id,store_code,sold_at,sku,quantity,unit_price\n");
        for (int i = 1; i <= 1000; i++) {
            csv.append("K")
                    .append(i)
                    .append(',')
                    .append(aStore())
                    .append(",2025-08-01T10:00:00Z,")
                    .append(aSku())
                    .append(",1,1.00\n");
        }
        String source = source();
        ImportJob job = jobs.create(ImportKind.SALES, source, file("long.csv", csv.toString()), "long.csv", null, "t");
        jobs.mapForForeground(job.id(), job.mapping());
        AtomicInteger chunks = new AtomicInteger();
        assertThatThrownBy(() -> runner.run(job, progress -> {
                    if (chunks.incrementAndGet() == 3) {
                        throw new IllegalStateException("the process dies here");
                    }
                }))
                .isInstanceOf(ImportFailedException.class);
        ImportJob stopped = jobs.find(job.id()).orElseThrow();
        assertThat(stopped.read()).isEqualTo(300);
        assertThat(count("select count(*) from sale where source = ?", source)).isEqualTo(300);

        ImportJob resumed = runner.run(job, progress -> {});
        assertThat(List.of(resumed.read(), resumed.imported(), resumed.unchanged(), resumed.rejected()))
                .containsExactly(1000L, 1000L, 0L, 0L);
        assertThat(count("select count(distinct receipt_id) from sale where source = ?", source))
                .isEqualTo(1000);
    }

    @Test
    void fileProblemsAreRefusedBeforeAnyRowWithAClearMessage() throws IOException {
        assertThatThrownBy(
                        () -> jobs.create(ImportKind.CUSTOMERS, "POS", file("empty.csv", ""), "empty.csv", null, "t"))
                .isInstanceOf(CsvFileException.class)
                .hasMessageContaining("empty");
        Path latin1 = Files.write(
                temp.resolve("latin1.csv"),
                "external_id,pr\u00e9nom\nX,J\u00e9r\u00f4me\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> jobs.create(ImportKind.CUSTOMERS, "POS", latin1, "latin1.csv", null, "t"))
                .isInstanceOf(CsvFileException.class)
                .hasMessageContaining("UTF-8");
        ImportJob noKey =
                jobs.create(ImportKind.SALES, "POS", file("nokey.csv", "store,sku\nS1,X\n"), "nokey.csv", null, "t");
        assertThatThrownBy(() -> jobs.queue(noKey.id(), noKey.mapping()))
                .hasMessageContaining("receipt_id: required, but no column is mapped to it");
    }

    @Test
    void aHugeLineAndBadEncodingInARowRejectOnlyThatRow() throws IOException {
        byte[] start = "external_id,last_name\nIMP-H1,Short\nIMP-H2,".getBytes(StandardCharsets.UTF_8);
        byte[] huge = "x".repeat(1_100_000).getBytes(StandardCharsets.US_ASCII);
        byte[] middle = "\nIMP-H3,Caf".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = {(byte) 0xE9};
        byte[] end = "\nIMP-H4,Last\n".getBytes(StandardCharsets.UTF_8);
        Path file = temp.resolve("huge.csv");
        Files.write(file, concat(start, huge, middle, latin1, end));
        ImportJob job = importFile(ImportKind.CUSTOMERS, file, "POS");
        assertThat(List.of(job.read(), job.imported(), job.rejected())).containsExactly(4L, 2L, 2L);
        assertThat(jobs.rejects(job.id(), 0, 10).items())
                .extracting(Reject::line)
                .containsExactly(3L, 4L);
        assertThat(count("select count(*) from customer where external_id in ('IMP-H1', 'IMP-H4')"))
                .isEqualTo(2);
    }

    @Test
    void formulaLookingCellsAreStoredAsTextAndNeutralisedInTheRejectReport() throws IOException {
        String csv = "external_id,last_name,email\nIMP-F1,=HYPERLINK(\"http://x\"),f1@example.com\n"
                + "=2+3,+cmd,not-an-email\n";
        ImportJob job = importFile(ImportKind.CUSTOMERS, file("formula.csv", csv), "POS");
        assertThat(jdbc.sql("select last_name from customer where external_id = 'IMP-F1'")
                        .query(String.class)
                        .single())
                .isEqualTo("=HYPERLINK(\"http://x\")");
        StringWriter report = new StringWriter();
        ImportCommand.writeRejects(jobs, job.id(), report);
        assertThat(report.toString()).contains("'=2+3,+cmd,not-an-email").doesNotContain("\"=2+3");
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Test
    void importedCustomersGetATimelineEntryAndConsentHistory() throws IOException {
        importFile(ImportKind.CUSTOMERS, file("t1.csv", "external_id,last_name,consent_sms\nIMP-T1,Tan,no\n"), "POS");
        ImportJob consentOnly = importFile(
                ImportKind.CUSTOMERS, file("t2.csv", "external_id,last_name,consent_sms\nIMP-T1,Tan,yes\n"), "POS");
        assertThat(List.of(consentOnly.imported(), consentOnly.unchanged()))
                .as("a changed consent is a change")
                .containsExactly(1L, 0L);
        long id = count("select id from customer where external_id = 'IMP-T1'");
        assertThat(jdbc.sql("select kind || ': ' || summary from interaction where customer_id = :id order by id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .satisfiesExactly(
                        created -> assertThat(created).startsWith("IMPORTED: Created by import "),
                        refused -> assertThat(refused).isEqualTo("CONSENT_CHANGED: SMS: refused (import)"),
                        granted -> assertThat(granted).isEqualTo("CONSENT_CHANGED: SMS: granted (import)"));
        assertThat(jdbc.sql("select granted from customer_consent_event where customer_id = :id and channel = 'SMS' "
                                + "order by id")
                        .param("id", id)
                        .query(Boolean.class)
                        .list())
                .containsExactly(false, true);
    }

    @Test
    void aCustomerMergedAwayIsReachedThroughTheSurvivorByItsNumberAndItsCard() throws IOException {
        importFile(
                ImportKind.CUSTOMERS,
                file(
                        "m.csv",
                        "external_id,card_number,last_name\nIMP-M1,770000000001,Keep\nIMP-M2,770000000002,Gone\n"),
                "POS");
        long survivor = count("select id from customer where external_id = 'IMP-M1'");
        long merged = count("select id from customer where external_id = 'IMP-M2'");
        jdbc.sql("""
                        insert into customer_merge (survivor_id, merged_id, merged_external_id, merged_card_number,
                                                    merged_name, moved, merged_at, merged_by)
                        values (:s, :m, 'IMP-M2', '770000000002', 'Gone', '{}', now(), 'test')""").param("s", survivor).param("m", merged).update();
        jdbc.sql("delete from customer where id = :m").param("m", merged).update();

        importFile(ImportKind.CUSTOMERS, file("m2.csv", "external_id,city\nIMP-M2,Leeds\n"), "POS");
        assertThat(jdbc.sql("select city from customer where id = :s")
                        .param("s", survivor)
                        .query(String.class)
                        .single())
                .isEqualTo("Leeds");
        assertThat(count("select count(*) from customer where external_id = 'IMP-M2'"))
                .isZero();

        String source = source();
        importFile(
                ImportKind.SALES,
                file(
                        "ms.csv",
                        ("receipt_id,store_code,sold_at,card_number,sku,quantity,unit_price\n"
                                        + "M1,%s,2025-09-01T10:00:00Z,770000000002,%s,1,2.00\n")
                                .formatted(aStore(), aSku())),
                source);
        assertThat(count("select customer_id from sale where source = ?", source))
                .isEqualTo(survivor);
    }

    @Test
    void salesInTwoFilesHeadersFirstThenLines() throws IOException {
        String source = source();
        String headers = "receipt_id,kind,store_code,sold_at,card_number\n"
                + "H1,,%1$s,2025-10-01T10:00:00Z,\nH2,RETURN,%1$s,2025-10-02T10:00:00Z,\nH3,,NOPE,2025-10-02T10:00:00Z,\n";
        ImportJob headerJob = importFile(ImportKind.RECEIPTS, file("headers.csv", headers.formatted(aStore())), source);
        assertThat(List.of(headerJob.imported(), headerJob.rejected()))
                .as("%s", jobs.rejects(headerJob.id(), 0, 10).items())
                .containsExactly(2L, 1L);

        String lines = "receipt_id,line_no,sku,quantity,unit_price\n"
                + "H1,1,%1$s,2,3.00\nH1,2,%1$s,1,4.00\nH2,1,%1$s,-1,3.00\nH9,1,%1$s,1,1.00\n";
        ImportJob lineJob = importFile(ImportKind.SALES, file("lines.csv", lines.formatted(aSku())), source);
        assertThat(List.of(lineJob.read(), lineJob.imported(), lineJob.rejected()))
                .containsExactly(4L, 3L, 1L);
        assertThat(jdbc.sql("select receipt_id || ' ' || kind || ' ' || total_amount from sale where source = :s "
                                + "order by receipt_id")
                        .param("s", source)
                        .query(String.class)
                        .list())
                .containsExactly("H1 SALE 10.00", "H2 RETURN -3.00");
        assertThat(jobs.rejects(lineJob.id(), 0, 10).items())
                .extracting(Reject::reason)
                .containsExactly("no header for receipt H9 from source " + source + "; import the receipts file first");
    }

    @Test
    void aNulInOneImportLineRejectsThatLineNamingTheColumnAndTheOthersLand() throws Exception {
        Path file = file(
                "nul.csv",
                "external_id,last_name,email\n"
                        + "NUL-1,Before,nul1@clientele.test\n"
                        + "NUL-2,Bad\u0000Name,nul2@clientele.test\n"
                        + "NUL-3,After,nul3@clientele.test\n");
        ImportJob job = importFile(ImportKind.CUSTOMERS, file, "NUL-TEST");

        assertThat(List.of(job.read(), job.imported(), job.rejected())).containsExactly(3L, 2L, 1L);
        assertThat(jobs.rejects(job.id(), 0, 50).items())
                .extracting(r -> r.line() + ": " + r.reason() + " | " + r.raw())
                .containsExactly("3: column last_name contains a NUL character (U+0000), which cannot be stored"
                        + " | NUL-2,Bad\uFFFDName,nul2@clientele.test");
        assertThat(jdbc.sql("select count(*) from customer where external_id like 'NUL-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2L);
    }

    @Test
    void aStoreManagersSalesFileRecordsTheReceiptsOfTheirStoresOnly() throws Exception {
        // the demo's store manager ("store") runs one store
        String own = jdbc.sql("select code from app_user_scope where username = 'store' and kind = 'STORE'")
                .query(String.class)
                .single();
        String other = jdbc.sql("select code from store where code <> :own order by code limit 1")
                .param("own", own)
                .query(String.class)
                .single();
        String sku = aSku();
        String csv = "receipt_id,kind,store_code,sold_at,card_number,sku,quantity,unit_price,discount\n"
                + "M1,,%1$s,2025-06-01T10:00:00Z,,%3$s,1,10.00,0\n"
                + "M2,,%2$s,2025-06-01T11:00:00Z,,%3$s,1,10.00,0\n";
        String source = source();
        Path file = file("store-sales.csv", csv.formatted(own, other, sku));
        ImportJob created = jobs.create(ImportKind.SALES, source, file, "store-sales.csv", null, "store");
        ImportJob job = runner.run(jobs.mapForForeground(created.id(), created.mapping()), progress -> {});

        assertThat(List.of(job.read(), job.imported(), job.rejected())).containsExactly(2L, 1L, 1L);
        assertThat(jobs.rejects(job.id(), 0, 10).items())
                .extracting(r -> r.line() + " " + r.field() + ": " + r.reason())
                .containsExactly(
                        "3 store_code: store '" + other + "' is outside the stores of whoever imported the file");
        assertThat(count("select count(*) from sale where source = ?", source)).isOne();
    }
}
