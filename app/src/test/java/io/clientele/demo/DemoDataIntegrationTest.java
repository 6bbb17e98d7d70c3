package io.clientele.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.customer.Duplicates;
import io.clientele.demo.generator.DemoDataGenerator;
import io.clientele.demo.generator.DemoSpec;
import io.clientele.demo.generator.GenerationSummary;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The database holds exactly what the generator writes for the same spec, keys resolved and totals kept. Other tests
 * add customers and receipts of their own, so the counts look at the demo's rows (source 'demo' and 'POS').
 */
// first: it checks the demo as loaded, before other classes add customers, users and answers or merge customers
@org.junit.jupiter.api.Order(1)
class DemoDataIntegrationTest extends ApplicationTestSupport {
    @TempDir
    Path temp;

    /** The demo receipts (other tests add receipts under their own sources or through imports). */
    private static final String DEMO_SALES =
            "select count(*) from sale where source = 'POS' and import_job_id is null and receipt_id like 'R%'";

    private static String[] skus(Path products) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(products).stream()
                .skip(1)
                .map(line -> line.substring(0, line.indexOf(',')))
                .toArray(String[]::new);
    }

    @Autowired
    Duplicates duplicates;

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void everyGeneratedRowIsLoaded() throws Exception {
        DemoSpec spec = new DemoSpec(
                DEMO_CUSTOMERS,
                20261123L,
                LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(1));
        GenerationSummary expected = new DemoDataGenerator().writeCsv(temp, spec, (done, total) -> {});
        // other tests import their own stores and products: count the generated ones
        assertThat(count("select count(*) from store where code like 'S___'")).isEqualTo(expected.stores());
        assertThat(count("select count(*) from salesperson where code like 'P____'"))
                .isEqualTo(expected.salespeople());
        assertThat(jdbc.sql("select count(*) from product where sku = any(:skus)")
                        .param("skus", skus(temp.resolve("products.csv")))
                        .query(Long.class)
                        .single())
                .isEqualTo(expected.products());
        assertThat(count("select count(*) from customer where source = 'demo'")).isEqualTo(expected.customers());
        assertThat(count(DEMO_SALES)).isEqualTo(expected.receipts());
        assertThat(
                        count(
                                "select count(*) from sale_line where sale_id in (select id from sale where source = 'POS' and import_job_id is null and receipt_id like 'R%')"))
                .isEqualTo(expected.saleLines());
    }

    @Test
    void surveyAnswersAndComplaintsAreLoadedWithTheirPlantedTruth() throws Exception {
        DemoSpec spec = new DemoSpec(
                DEMO_CUSTOMERS,
                20261123L,
                LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(1));
        GenerationSummary expected = new DemoDataGenerator().writeCsv(temp, spec, (done, total) -> {});
        assertThat(expected.surveyAnswers()).isPositive();
        assertThat(count("select count(*) from survey_answer where source = 'demo'"))
                .isEqualTo(expected.surveyAnswers());
        assertThat(count("select count(*) from interaction where kind = 'COMPLAINT' and source = 'demo'"))
                .isEqualTo(expected.complaints());
        assertThat(count(
                        "select count(*) from interaction where kind = 'COMPLAINT' and channel is distinct from 'STORE'"
                                + " and source = 'demo'"))
                .isZero();
        assertThat(count("""
                        select count(*) from (select customer_id, survey from survey_answer where source = 'demo'
                                              group by customer_id, survey) answered"""))
                .as("one timeline entry per customer and survey")
                .isEqualTo(
                        count("select count(*) from interaction where kind = 'SURVEY_ANSWERED' and source = 'demo'"));
        // the planted groups as docs/demo-data.md finds them: r = (37 n) mod 100
        List<String> gaps = jdbc.sql("""
                        select planted || ' ' || min(gap) || ' ' || max(gap) from (
                            select case when r >= 90 then 'disappointed' when r >= 80 then 'delighted' else 'others'
                                   end as planted, perceived - expected as gap
                            from (select a.*, (37 * substring(c.external_id from 2)::bigint) % 100 as r
                                  from survey_answer a join customer c on c.id = a.customer_id
                                  where a.source = 'demo' and c.source = 'demo') x) y
                        group by planted order by planted""").query(String.class).list();
        assertThat(gaps).containsExactly("delighted 1 2", "disappointed -2 -1", "others -1 1");
    }

    @Test
    void receiptTotalsEqualTheSumOfTheirLines() {
        assertThat(count("""
                        select count(*) from sale s
                        where s.total_amount <> (select sum(amount) from sale_line l where l.sale_id = s.id)
                           or s.total_cost <> (select sum(quantity * unit_cost) from sale_line l where l.sale_id = s.id)""")).isZero();
    }

    @Test
    void returnsAreNegativeAndAnonymousSalesHaveNoCustomer() {
        assertThat(count("select count(*) from sale where kind = 'RETURN'")).isPositive();
        assertThat(count("select count(*) from sale where kind = 'RETURN' and total_amount > 0"))
                .isZero();
        assertThat(count("select count(*) from sale where customer_id is null and card_number is null"))
                .isPositive();
        assertThat(count(DEMO_SALES + " and customer_id is null and card_number is not null"))
                .as("every card on a receipt is a known customer")
                .isZero();
    }

    @Test
    void purchaseDatesOnTheCustomerAgreeWithTheReceiptsAndProspectsHaveNone() {
        assertThat(count("""
                        select count(*) from customer c
                        where c.last_purchase_at is distinct from
                              (select max(sold_at) from sale s where s.customer_id = c.id and s.kind = 'SALE')""")).isZero();
        long prospects = count("select count(*) from customer where source = 'demo' and first_purchase_at is null");
        assertThat(prospects).isBetween(DEMO_CUSTOMERS / 20L, DEMO_CUSTOMERS / 3L);
    }

    @Test
    void webRegistrationsOfCardHoldersArePlantedAsDuplicates() {
        List<Long> twins = jdbc.sql("select id from customer where source = 'webshop' order by id")
                .query(Long.class)
                .list();
        assertThat(twins).hasSizeBetween(DEMO_CUSTOMERS / 100 - 1, DEMO_CUSTOMERS / 100 + 1);
        // one twin per kind of match (the card holder may lack the email or phone to match on)
        assertThat(twins.stream().flatMap(id -> duplicates.of(id).stream()).flatMap(p -> p.matches().stream()))
                .contains(Duplicates.MatchKey.EMAIL, Duplicates.MatchKey.PHONE, Duplicates.MatchKey.NAME_BIRTH_DATE);
    }

    @Test
    void finishedCampaignsHaveCostsAnAllocatedDepartmentCostAndOneSettlement() {
        String finished = "('Win back lapsed big spenders', 'Loyal regulars: double points weekend')";
        assertThat(jdbc.sql("""
                        select c.name || ' ' || x.line_no || ' ' || x.amount || ' ' || x.document
                        from campaign_cost x join campaign c on c.id = x.campaign_id
                        where c.name in %s order by c.name""".formatted(finished)).query(String.class).list())
                .containsExactly(
                        "Loyal regulars: double points weekend 1 540.00 INV-DEMO-0413",
                        "Win back lapsed big spenders 1 465.00 INV-DEMO-0412");
        // the month's department cost goes to the campaigns that sent in it, by contacts, to the cent
        long department = jdbc.sql("""
                        select id from period_cost where description = :description and rule = 'BY_CONTACTS'
                          and amount = 3000""")
                .param("description", DemoCosts.DEPARTMENT)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select sum(amount) from period_cost_allocation where period_cost_id = :id")
                        .param("id", department)
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("3000.00");
        assertThat(count("""
                        select count(*) from period_cost_allocation a join campaign c on c.id = a.campaign_id
                        where a.period_cost_id = %d and a.amount > 0 and c.name in %s""".formatted(department, finished))).isEqualTo(2);
        // the win-back is closed at 500 planned against 465 booked plus 0.05 for each message sent
        assertThat(jdbc.sql("""
                        select x.planned || ' ' || (x.actual = 465 + 0.05 * (select count(*) from campaign_member m
                                                    where m.campaign_id = c.id and m.send_status = 'SENT'))
                        from campaign_close x join campaign c on c.id = x.campaign_id where c.name in %s""".formatted(finished)).query(String.class).list()).containsExactly("500.00 true");
    }

    /** What the user guide's first ten minutes walk through is there from the start. */
    @Test
    void theDemoStartsWithWhatTheFirstTenMinutesShow() {
        assertThat(jdbc.sql("""
                        select name from segment where name in ('Lapsed big spenders', 'Loyal regulars',
                            'Recent TV buyers', 'Bought a coffee machine in the last 365 days') order by name""").query(String.class).list()).hasSize(4);
        assertThat(jdbc.sql("select distinct kind from material where not archived order by kind")
                        .query(String.class)
                        .list())
                .contains("CALL_SCRIPT", "EMAIL", "LETTER", "SMS");
        // two finished campaigns and a running one, each with members sent and responses recorded
        assertThat(jdbc.sql("""
                        select c.name || ' ' || c.status from campaign c
                        where c.name in ('Win back lapsed big spenders', 'Loyal regulars: double points weekend',
                                         'Recent TV buyers: soundbar offer')
                          and exists (select 1 from campaign_member m where m.campaign_id = c.id
                                      and m.send_status = 'SENT')
                          and exists (select 1 from campaign_response r where r.campaign_id = c.id)
                        order by c.name""").query(String.class).list())
                .containsExactly(
                        "Loyal regulars: double points weekend COMPLETED",
                        "Recent TV buyers: soundbar offer RUNNING",
                        "Win back lapsed big spenders COMPLETED");
    }

    /** The seminar invitation's results have numbers: invited members who registered and came, and control's. */
    @Test
    void theSeminarInvitationHasRegistrationsAndAttendanceAgainstControl() {
        assertThat(jdbc.sql("""
                        select r.kind || ' ' || m.member_group || ' ' || (count(*) > 0)
                        from campaign_response r join campaign c on c.id = r.campaign_id
                        join campaign_member m on m.step_id = r.step_id and m.customer_id = r.customer_id
                        where c.name = 'Home barista seminar: invitation' and r.kind in ('REGISTERED', 'ATTENDED')
                        group by r.kind, m.member_group order by 1""").query(String.class).list())
                .containsExactly(
                        "ATTENDED CONTROL true",
                        "ATTENDED TREATED true",
                        "REGISTERED CONTROL true",
                        "REGISTERED TREATED true");
    }

    @Test
    void everyRoleHasItsDemoUser() {
        assertThat(jdbc.sql("select username || ':' || role from app_user order by username")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "admin:ADMIN",
                        "agent:SERVICE_AGENT",
                        "analyst:ANALYST",
                        "manager:MARKETING_MANAGER",
                        "marketer:MARKETER",
                        "sales:SALES",
                        "servicemanager:SERVICE_MANAGER",
                        "store:STORE_MANAGER",
                        "supplier:SUPPLIER");
    }
}
