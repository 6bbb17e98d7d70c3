package io.clientele.campaign.send;

import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.SendStatus;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send state in the database, every step of it short and committed on its own: finding due steps,
 * claiming a batch of members (committed before anything is handed over, so a crash leaves them SENDING, then
 * UNCERTAIN, never PENDING again), recording a sub-batch's outcome with its timeline entries (two statements, one
 * transaction), and closing a step.
 * Claim ages are measured on the database's clock, the same for every worker process.
 *
 * <p>Claims and records commit synchronously even on a server whose default is {@code synchronous_commit = off} (an
 * external one so configured, or the embedded one run fast): a claim that a crash of the database takes back after
 * its messages left would send them again.
 */
@Repository
class SendStore {
    /** A claimed member: whom to send to, and the coupon code the offer names, if the step hands out codes. */
    record Claim(
            long customerId,
            @Nullable String address,
            @Nullable String couponCode) {}

    private static final List<String> SENDABLE_CAMPAIGNS = Arrays.stream(CampaignStatus.values())
            .filter(CampaignStatus::maySend)
            .map(Enum::name)
            .toList();

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final CampaignSteps steps;
    private final Timeline timeline;
    private final Clock clock;

    SendStore(
            JdbcClient jdbc,
            JdbcTemplate template,
            PlatformTransactionManager transactions,
            CampaignSteps steps,
            Timeline timeline,
            Clock clock) {
        this.steps = steps;
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = new TransactionTemplate(transactions);
        this.timeline = timeline;
        this.clock = clock;
    }

    /** The statements in one transaction that commits on disk before it returns, whatever the server's default. */
    private <T> T synchronously(Supplier<T> statements) {
        return transactions.execute(status -> {
            jdbc.sql("select set_config('synchronous_commit', 'on', true)"
                            + " where current_setting('synchronous_commit') = 'off'")
                    .query((rs, n) -> 1)
                    .list();
            return statements.get();
        });
    }

    /** Email and SMS steps whose time has come, of campaigns that may send, oldest first. */
    List<CampaignStep> dueSteps() {
        return jdbc
                .sql("select s.id from campaign_step s join campaign c on c.id = s.campaign_id"
                        + " where s.channel in ('EMAIL', 'SMS') and s.status in ('FROZEN', 'SENDING')"
                        + " and c.status in (:statuses) and (s.send_at is null or s.send_at <= :now)"
                        + " order by s.send_at nulls first, s.id")
                .param("statuses", SENDABLE_CAMPAIGNS)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .list()
                .stream()
                .map(steps::get)
                .toList();
    }

    void markSending(long stepId) {
        jdbc.sql("update campaign_step set status = 'SENDING' where id = :id and status = 'FROZEN'")
                .param("id", stepId)
                .update();
    }

    /**
     * Claims up to {@code limit} pending members of the step for this worker, skipping those another worker is
     * claiming, and those that failed transiently less than {@code retryDelaySeconds} ago. Commits on return.
     */
    List<Claim> claim(long stepId, String worker, int limit, int retryDelaySeconds) {
        return synchronously(() -> jdbc.sql("""
                        update campaign_member m
                        set send_status = 'SENDING', claimed_by = :worker, claimed_at = now(), attempts = attempts + 1
                        where (m.step_id, m.customer_id) in (
                            select step_id, customer_id from campaign_member
                            where step_id = :step and send_status = 'PENDING'
                              and (claimed_at is null or claimed_at < now() - make_interval(secs => :retry))
                            order by customer_id
                            limit :limit
                            for update skip locked)
                        returning m.customer_id, m.address, m.coupon_code""")
                .param("worker", worker)
                .param("step", stepId)
                .param("retry", retryDelaySeconds)
                .param("limit", limit)
                .query((rs, n) -> new Claim(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list());
    }

    /** Gives claimed members back untouched (nothing was handed over): PENDING, the attempt not counted. */
    void release(long stepId, String worker, List<Claim> claims) {
        long[] ids = claims.stream().mapToLong(Claim::customerId).toArray();
        template.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    update campaign_member set send_status = 'PENDING', claimed_by = null, claimed_at = null,
                                               attempts = attempts - 1
                    where step_id = ? and customer_id = any(?) and claimed_by = ? and send_status = 'SENDING'""");
            statement.setLong(1, stepId);
            statement.setArray(2, longs(connection, ids));
            statement.setString(3, worker);
            return statement;
        });
    }

    /**
     * Records the outcome of handed-over messages in one statement: SENT (with the time), FAILED (with the error),
     * PENDING again for a transient failure (FAILED once the attempts are used up), or UNCERTAIN; then one
     * CAMPAIGN_CONTACTED timeline entry per member recorded SENT, through {@link Timeline}, in the same transaction.
     * Only this worker's claims change, also those the timeout already made UNCERTAIN: the worker knows better.
     */
    void record(CampaignStep step, String campaignName, String worker, List<Delivery> deliveries, int maxAttempts) {
        if (deliveries.isEmpty()) {
            return;
        }
        long[] ids = new long[deliveries.size()];
        String[] statuses = new String[deliveries.size()];
        String[] errors = new String[deliveries.size()];
        for (int i = 0; i < ids.length; i++) {
            Delivery delivery = deliveries.get(i);
            ids[i] = delivery.customerId();
            statuses[i] = switch (delivery.outcome()) {
                case SENT -> SendStatus.SENT.name();
                case FAILED -> SendStatus.FAILED.name();
                case RETRY -> SendStatus.PENDING.name();
                case UNCERTAIN -> SendStatus.UNCERTAIN.name();
            };
            errors[i] = delivery.error();
        }
        Instant now = clock.instant();
        synchronously(() -> {
            long[] sent = template
                    .query(
                            connection -> {
                                PreparedStatement statement = connection.prepareStatement("""
                                        with outcome as (
                                            select * from unnest(?::bigint[], ?::text[], ?::text[])
                                                     as o(customer_id, status, error))
                                        update campaign_member m
                                        set send_status = case when o.status = 'PENDING' and m.attempts >= ?
                                                               then 'FAILED' else o.status end,
                                            sent_at = case when o.status = 'SENT' then cast(? as timestamptz) end,
                                            error = o.error
                                        from outcome o
                                        where m.step_id = ? and m.customer_id = o.customer_id and m.claimed_by = ?
                                          and m.send_status in ('SENDING', 'UNCERTAIN')
                                        returning m.customer_id, m.send_status""");
                                int p = 1;
                                statement.setArray(p++, longs(connection, ids));
                                statement.setArray(p++, connection.createArrayOf("text", statuses));
                                statement.setArray(p++, connection.createArrayOf("text", errors));
                                statement.setInt(p++, maxAttempts);
                                statement.setTimestamp(p++, Timestamp.from(now));
                                statement.setLong(p++, step.id());
                                statement.setString(p, worker);
                                return statement;
                            },
                            (rs, n) -> SendStatus.SENT.name().equals(rs.getString(2)) ? rs.getLong(1) : -1L)
                    .stream()
                    .mapToLong(Long::longValue)
                    .filter(id -> id >= 0)
                    .toArray();
            timeline.recordEach(
                    sent,
                    now,
                    InteractionKind.CAMPAIGN_CONTACTED,
                    step.channel().name(),
                    campaignName + ": " + step.name(),
                    Map.of("campaignId", step.campaignId(), "stepId", step.id(), "step", step.name()));
            return sent.length;
        });
    }

    /** SENT once no member is left PENDING or SENDING, unless the step admits more; whether it is now. */
    boolean completeIfDone(long stepId) {
        return jdbc.sql("""
                        update campaign_step s set status = 'SENT', sent_at = :now
                        where s.id = :id and s.status in ('FROZEN', 'SENDING') and not s.admits
                          and not exists (select 1 from campaign_member m
                                          where m.step_id = s.id and m.send_status in ('PENDING', 'SENDING'))""")
                        .param("now", Timestamp.from(clock.instant()))
                        .param("id", stepId)
                        .update()
                == 1;
    }

    /**
     * Members left SENDING longer than the timeout (their worker stopped between claiming and recording): UNCERTAIN,
     * never sent again on their own. Answers how many.
     */
    int markUncertain(int claimTimeoutSeconds) {
        return jdbc.sql("""
                        update campaign_member set send_status = 'UNCERTAIN',
                               error = 'claimed by ' || claimed_by || ' at ' || claimed_at || ', never recorded'
                        where send_status = 'SENDING' and claimed_at < now() - make_interval(secs => :timeout)""").param("timeout", claimTimeoutSeconds).update();
    }

    String campaignName(long campaignId) {
        return jdbc.sql("select name from campaign where id = :id")
                .param("id", campaignId)
                .query(String.class)
                .single();
    }

    /** How many of the step's treated members are in each send state. */
    Map<SendStatus, Long> progress(long stepId) {
        Map<SendStatus, Long> counts = new EnumMap<>(SendStatus.class);
        for (SendStatus status : SendStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("""
                        select send_status, count(*) from campaign_member
                        where step_id = :id and member_group = 'TREATED' group by send_status""").param("id", stepId).query(rs -> {
            counts.put(SendStatus.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    private static java.sql.Array longs(Connection connection, long[] ids) throws SQLException {
        return connection.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray());
    }
}
