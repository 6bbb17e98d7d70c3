package io.clientele.bench;

import io.clientele.campaign.audience.Launches;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.platform.CommandContext;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.SegmentPredicate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Freezing a campaign's audience at launch (issue 7): an email step whose audience is every customer of the database
 * the sales-import scenario leaves (a segment that selects nearly everyone), with an exclusion segment, consents as
 * imported, suppressions by customer and by address, and earlier contacts that put some over the contact-pressure
 * limit. Each run launches a fresh campaign through Clientele's launch (one insert … select per step) and is then
 * removed; the plain baseline classifies a sample of the same customers one at a time (a query per reason, one insert
 * per member), is extrapolated to the audience, and must agree with the launch on every sampled customer.
 */
final class CampaignFreezeBench {
    private static final String PREFIX = "bench freeze: ";

    private CampaignFreezeBench() {}

    static void run(Options options) throws Exception {
        Path db = options.path("db", "/tmp/clientele-bench/sales-import/db");
        if (!Files.isDirectory(db)) {
            throw new IllegalArgumentException("no database at " + db + ": run ./clientele bench sales-import first");
        }
        int runs = (int) options.number("runs", 5);
        int sample = (int) options.number("sample", 5_000);
        try (ConfigurableApplicationContext context = CommandContext.start(db)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class));
            System.err.println("machine: " + machine);
            Launches launches = context.getBean(Launches.class);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            removeLeftovers(jdbc);
            Setup setup = prepare(context, jdbc);
            System.err.println("data: " + setup.describe());

            long[] millis = new long[runs];
            long[] cpu = new long[runs];
            Path pid = db.resolve("pg/postmaster.pid");
            Map<String, Long> counts = Map.of();
            long lastCampaign = -1;
            for (int i = 0; i < runs; i++) {
                if (lastCampaign >= 0) {
                    remove(jdbc, lastCampaign);
                }
                long campaign = approvedCampaign(jdbc, setup, "run " + (i + 1));
                long cpuBefore = CpuClock.millis(pid);
                long start = System.nanoTime();
                launches.launch(campaign, "bench");
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                cpu[i] = CpuClock.millis(pid) - cpuBefore;
                counts = counts(jdbc, campaign);
                System.err.printf(
                        "run %d: %,d ms, CPU %,d ms (load %s), %s%n",
                        i + 1, millis[i], cpu[i], CpuClock.load(), counts);
                lastCampaign = campaign;
            }

            // the baseline on a sample of the last launch's audience, checked against what the launch froze
            Baseline baseline = baseline(jdbc, tx, setup, lastCampaign, sample);
            System.err.printf(
                    "baseline: %,d customers in %,d ms (%d disagreements)%n",
                    baseline.customers(), baseline.millis(), baseline.disagreements());
            if (baseline.disagreements() > 0) {
                throw new IllegalStateException(
                        "the baseline and the launch disagree on " + baseline.disagreements() + " customers");
            }
            remove(jdbc, lastCampaign);
            System.out.println(report(machine, setup, millis, cpu, counts, baseline));
        }
    }

    /** What every run shares: the segments, the material, the policy and the planted suppressions and contacts. */
    record Setup(
            long customers,
            long everyone,
            long exclude,
            long material,
            SegmentPredicate excluded,
            int maxContacts,
            int windowDays,
            long consenting,
            long suppressed,
            long history) {
        String describe() {
            return "%,d customers; %,d with email consent; %,d suppression entries; %,d contacts sent in the window"
                    .formatted(customers, consenting, suppressed, history);
        }
    }

    private static Setup prepare(ConfigurableApplicationContext context, JdbcClient jdbc) {
        SavedSegments segments = context.getBean(SavedSegments.class);
        FieldRegistry fields = context.getBean(FieldRegistry.class);
        SavedSegment everyone = segments.create(new SavedSegments.Draft(
                        PREFIX + "nearly everyone",
                        "customers with no city or a city other than Nowhere",
                        SavedSegment.Kind.DYNAMIC,
                        ConditionJson.parse(
                                "{\"not\": {\"field\": \"city\", \"op\": \"in\", \"values\": [\"Nowhere\"]}}", fields)))
                .segment();
        SavedSegment exclude = segments.create(new SavedSegments.Draft(
                        PREFIX + "Eastwick",
                        null,
                        SavedSegment.Kind.DYNAMIC,
                        ConditionJson.parse(
                                "{\"all\": [{\"field\": \"city\", \"op\": \"in\", \"values\": [\"Eastwick\"]}]}",
                                fields)))
                .segment();
        Long material = jdbc.sql("select id from material where name = :name and kind = 'EMAIL'")
                .param("name", PREFIX + "email")
                .query(Long.class)
                .optional()
                .orElse(null);
        if (material == null) {
            material = context.getBean(Materials.class)
                    .create(
                            new MaterialInput(
                                    "EMAIL",
                                    PREFIX + "email",
                                    "Hello {{first_name|friend}}",
                                    "<p>{{offer.description}}</p>",
                                    null,
                                    null,
                                    null),
                            "bench")
                    .id();
        }
        // 1 % suppressed as customers on every channel, 0.5 % by their email address
        jdbc.sql("""
                        insert into suppression (channel, customer_id, reason, note, added_by, added_at)
                        select null, id, 'MANUAL', 'bench', 'bench', now() from customer where id % 100 = 7
                        on conflict do nothing""").update();
        jdbc.sql("""
                        insert into suppression (channel, address, reason, note, added_by, added_at)
                        select distinct 'EMAIL', email_key, 'HARD_BOUNCE', 'bench', 'bench', now() from customer
                        where id % 200 = 11 and email_key is not null
                        on conflict do nothing""").update();
        // 4 % contacted three times in the last days by an earlier campaign: at the default limit (3 in 7 days)
        Long history = jdbc.sql("select id from campaign where name = :name")
                .param("name", PREFIX + "sent history")
                .query(Long.class)
                .optional()
                .orElse(null);
        if (history == null) {
            history = jdbc.sql("""
                            insert into campaign (name, purpose, owner_username, status, created_by, created_at,
                                                  updated_at, launched_at, launched_by)
                            values (:name, 'RETENTION', 'bench', 'COMPLETED', 'bench', now(), now(), now(), 'bench')
                            returning id""")
                    .param("name", PREFIX + "sent history")
                    .query(Long.class)
                    .single();
            for (int day = 1; day <= 3; day++) {
                long step = jdbc.sql("""
                                insert into campaign_step (campaign_id, position, name, channel, coupon_value, status,
                                                           frozen_at, sent_at)
                                values (:campaign, :day, 'day ' || :day, 'COUPON', 1, 'SENT', now(), now())
                                returning id""")
                        .param("campaign", history)
                        .param("day", day)
                        .query(Long.class)
                        .single();
                jdbc.sql("""
                                insert into campaign_member (step_id, customer_id, campaign_id, member_group,
                                                             send_status, sent_at)
                                select :step, id, :campaign, 'TREATED', 'SENT', now() - make_interval(days => :day)
                                from customer where id % 25 = 3""")
                        .param("step", step)
                        .param("campaign", history)
                        .param("day", day)
                        .update();
            }
        }
        // the history is kept recent, whenever the bench runs
        jdbc.sql("""
                        update campaign_member m set sent_at = now() - make_interval(days => s.position)
                        from campaign_step s where s.id = m.step_id and m.campaign_id = :campaign""").param("campaign", history).update();
        jdbc.sql("analyze suppression").update();
        jdbc.sql("analyze campaign_member").update();
        Map<String, Object> policy = jdbc.sql("select max_contacts, window_days from contact_policy")
                .query()
                .singleRow();
        return new Setup(
                count(jdbc, "select count(*) from customer"),
                everyone.id(),
                exclude.id(),
                material,
                segments.union(List.of(exclude)),
                ((Number) policy.get("max_contacts")).intValue(),
                ((Number) policy.get("window_days")).intValue(),
                count(jdbc, "select count(*) from customer_consent where channel = 'EMAIL' and granted"),
                count(jdbc, "select count(*) from suppression"),
                count(jdbc, "select count(*) from campaign_member where sent_at > now() - interval '7 days'"));
    }

    /** An approved campaign with one email step targeting the whole audience, less the exclusion segment. */
    private static long approvedCampaign(JdbcClient jdbc, Setup setup, String name) {
        long campaign =
                jdbc.sql("""
                        insert into campaign (name, purpose, owner_username, status, created_by, created_at,
                                              updated_at, control_percent)
                        values (:name, 'RETENTION', 'bench', 'APPROVED', 'bench', now(), now(), 10)
                        returning id""").param("name", PREFIX + name).query(Long.class).single();
        jdbc.sql("""
                        insert into campaign_step (campaign_id, position, name, channel, material_id, material_version,
                                                   offer)
                        select :campaign, 1, 'email', 'EMAIL', id, current_version, '10% off'
                        from material where id = :material""")
                .param("campaign", campaign)
                .param("material", setup.material())
                .update();
        jdbc.sql("""
                        insert into campaign_audience (campaign_id, segment_id, exclude)
                        values (:campaign, :everyone, false), (:campaign, :exclude, true)""")
                .param("campaign", campaign)
                .param("everyone", setup.everyone())
                .param("exclude", setup.exclude())
                .update();
        return campaign;
    }

    /** Removes a run's campaign and its members, so that its pending contacts weigh on no later run. */
    private static void remove(JdbcClient jdbc, long campaign) {
        jdbc.sql("delete from campaign where id = :id").param("id", campaign).update();
    }

    private static void removeLeftovers(JdbcClient jdbc) {
        jdbc.sql("delete from campaign where name like :prefix and name <> :history")
                .param("prefix", PREFIX + "run %")
                .param("history", PREFIX + "sent history")
                .update();
    }

    private static Map<String, Long> counts(JdbcClient jdbc, long campaign) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        select coalesce(reason, member_group) as k, count(*) as n from campaign_member
                        where campaign_id = :id group by 1 order by 1""").param("id", campaign).query(rs -> {
            counts.put(rs.getString("k"), rs.getLong("n"));
        });
        return counts;
    }

    record Baseline(int customers, long millis, int disagreements) {}

    /**
     * The naive way: for each customer, one query per reason in order, the control draw, and one insert; into a second
     * step of the launched campaign, then compared with the launch's step and rolled back.
     */
    private static Baseline baseline(JdbcClient jdbc, TransactionTemplate tx, Setup setup, long campaign, int sample) {
        long frozenStep = jdbc.sql("select id from campaign_step where campaign_id = :id")
                .param("id", campaign)
                .query(Long.class)
                .single();
        List<Long> customers = jdbc.sql("""
                        select customer_id from campaign_member where step_id = :step
                        order by hashint8(customer_id) limit :sample""")
                .param("step", frozenStep)
                .param("sample", sample)
                .query(Long.class)
                .list();
        Map<String, Object> row = jdbc.sql("select priority, launched_at from campaign where id = :id")
                .param("id", campaign)
                .query()
                .singleRow();
        int priority = ((Number) row.get("priority")).intValue();
        Timestamp launchedAt = (Timestamp) row.get("launched_at");
        Timestamp since = Timestamp.from(launchedAt.toInstant().minus(Duration.ofDays(setup.windowDays())));
        int[] disagreements = {0};
        long[] millis = {0};
        tx.executeWithoutResult(status -> {
            long step =
                    jdbc.sql("""
                            insert into campaign_step (campaign_id, position, name, channel, material_id,
                                                       material_version)
                            select campaign_id, 2, 'baseline', channel, material_id, material_version
                            from campaign_step where id = :step returning id""").param("step", frozenStep).query(Long.class).single();
            long start = System.nanoTime();
            for (long customer : customers) {
                String reason = null;
                boolean excluded = Objects.requireNonNull(jdbc.sql("select exists (select 1" + SegmentPredicate.FROM
                                + " where c.id = :c and (" + setup.excluded().where() + "))")
                        .params(setup.excluded().params())
                        .param("c", customer)
                        .query(Boolean.class)
                        .single());
                if (excluded) {
                    reason = "EXCLUDED_SEGMENT";
                }
                String email = jdbc.sql("select email from customer where id = :c and email_key is not null")
                        .param("c", customer)
                        .query(String.class)
                        .optional()
                        .orElse(null);
                if (reason == null && email == null) {
                    reason = "NO_ADDRESS";
                }
                if (reason == null
                        && !bool(
                                jdbc,
                                "select exists (select 1 from customer_consent where customer_id = :c"
                                        + " and channel = 'EMAIL' and granted)",
                                customer)) {
                    reason = "NO_CONSENT";
                }
                if (reason == null
                        && bool(
                                jdbc,
                                "select exists (select 1 from suppression where (customer_id = :c or address ="
                                        + " (select email_key from customer where id = :c))"
                                        + " and (channel is null or channel = 'EMAIL'))",
                                customer)) {
                    reason = "SUPPRESSED";
                }
                if (reason == null) {
                    long contacts = jdbc.sql("""
                                    select (select count(*) from campaign_member
                                            where customer_id = :c and sent_at > :since and campaign_id <> :campaign)
                                         + (select count(*) from campaign_member m
                                            join campaign_step st on st.id = m.step_id
                                            join campaign k on k.id = st.campaign_id
                                            where m.customer_id = :c and k.status = 'RUNNING' and k.id <> :campaign
                                              and m.send_status = 'PENDING'
                                              and (k.priority > :priority or (k.priority = :priority
                                                   and (k.launched_at, k.id) < (:launchedAt, :campaign))))""")
                            .param("c", customer)
                            .param("since", since)
                            .param("campaign", campaign)
                            .param("priority", priority)
                            .param("launchedAt", launchedAt)
                            .query(Long.class)
                            .single();
                    if (contacts >= setup.maxContacts()) {
                        reason = "CONTACT_PRESSURE";
                    }
                }
                boolean control = reason == null
                        && bool(
                                jdbc,
                                "select abs(mod(hashint8extended(:c, " + campaign + "), 10000)) < 1000",
                                customer);
                String group = reason != null ? "EXCLUDED" : control ? "CONTROL" : "TREATED";
                boolean treated = group.equals("TREATED");
                jdbc.sql("""
                                insert into campaign_member (step_id, customer_id, campaign_id, member_group, reason,
                                                             address, send_status)
                                values (:step, :c, :campaign, :group, :reason, :address, :status)""")
                        .param("step", step)
                        .param("c", customer)
                        .param("campaign", campaign)
                        .param("group", group)
                        .param("reason", reason)
                        .param("address", treated ? email : null)
                        .param("status", treated ? "PENDING" : null)
                        .update();
            }
            millis[0] = (System.nanoTime() - start) / 1_000_000;
            disagreements[0] = jdbc.sql("""
                            select count(*) from campaign_member b
                            join campaign_member f on f.customer_id = b.customer_id and f.step_id = :frozen
                            where b.step_id = :step
                              and (b.member_group, coalesce(b.reason, ''), coalesce(b.address, ''))
                                  is distinct from (f.member_group, coalesce(f.reason, ''), coalesce(f.address, ''))""")
                    .param("frozen", frozenStep)
                    .param("step", step)
                    .query(Integer.class)
                    .single();
            status.setRollbackOnly();
        });
        return new Baseline(customers.size(), millis[0], disagreements[0]);
    }

    private static boolean bool(JdbcClient jdbc, String sql, long customer) {
        return Objects.requireNonNull(
                jdbc.sql(sql).param("c", customer).query(Boolean.class).single());
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String report(
            String machine, Setup setup, long[] millis, long[] cpu, Map<String, Long> counts, Baseline baseline) {
        long audience = counts.values().stream().mapToLong(Long::longValue).sum();
        long median = SegmentBench.median(millis);
        double baselineSeconds = (double) baseline.millis() / baseline.customers() * audience / 1000;
        StringBuilder groups = new StringBuilder();
        counts.forEach(
                (k, n) -> groups.append(groups.isEmpty() ? "" : ", ").append(k).append(" %,d".formatted(n)));
        List<String> each = new ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            each.add("%,d (CPU %,d)".formatted(millis[i], cpu[i]));
        }
        return """
                ### Campaign freeze at launch (issue 7)

                %s. Data: %s. Contact pressure: at most %d contacts in %d days. One email step; the audience is a
                dynamic segment selecting every customer (city not "Nowhere"), less an exclusion segment (city
                Eastwick), 10 %% control. Each run launches a fresh approved campaign through `Launches.launch` (the
                campaign moves to RUNNING, the audience is selected into a temporary table, the step's members are
                frozen by one insert … select with the reason as a CASE), timed from the call to its commit; the
                campaign is deleted before the next run. Groups frozen: %s. CPU: the milliseconds of CPU the
                database server's processes and the bench's JVM used during the launch, read from /proc, which
                other processes on a shared machine do not inflate as they do the elapsed time.

                | path | members | median ms | runs: elapsed ms (CPU ms) | members/s |
                |---|---:|---:|---|---:|
                | Clientele launch: set-based freeze (median CPU %,d ms) | %,d | %,d | %s | %,.0f |
                | plain baseline: per customer, one query per reason + control draw + one insert (%,d sampled, extrapolated) | %,d | %,.0f (extrapolated) | %,d ms for %,d | %,.0f |

                The baseline classified the same sampled customers as the launch did (group, reason and address
                equal for all %,d).
                """.formatted(
                        machine,
                        setup.describe(),
                        setup.maxContacts(),
                        setup.windowDays(),
                        groups,
                        SegmentBench.median(cpu),
                        audience,
                        median,
                        String.join(", ", each),
                        audience / (median / 1000.0),
                        baseline.customers(),
                        audience,
                        baselineSeconds * 1000,
                        baseline.millis(),
                        baseline.customers(),
                        baseline.customers() / (baseline.millis() / 1000.0),
                        baseline.customers());
    }
}
