package io.clientele.campaign.send;

import static io.clientele.platform.db.Rows.instant;

import io.clientele.campaign.SendStatus;
import io.clientele.campaign.StepChannel;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the outbox (the messages kept instead of sent in demo mode) and each step's send progress. */
@Service
public class OutboxMessages {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    /** One message in the list. */
    public record Item(
            long id,
            long campaignId,
            String campaignName,
            long stepId,
            String stepName,
            long customerId,
            StepChannel channel,
            String recipient,
            @Nullable String subject,
            Instant createdAt) {}

    /** One message whole: its parts as stored (the HTML as it would have been sent) and its headers. */
    public record Message(
            Item item, @Nullable String htmlBody, @Nullable String textBody, Map<String, String> headers) {}

    /** How far a step's sending is: its treated members by send state. */
    public record StepProgress(
            long stepId,
            int position,
            String name,
            StepChannel channel,
            String status,
            @Nullable Instant sentAt,
            Map<SendStatus, Long> members) {

        public long total() {
            return members.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final String FROM = """
            from campaign_outbox o
            join campaign_step s on s.id = o.step_id
            join campaign c on c.id = s.campaign_id
            where (cast(:campaign as bigint) is null or s.campaign_id = :campaign)
              and (cast(:step as bigint) is null or o.step_id = :step)
              and (cast(:channel as text) is null or o.channel = :channel)""";

    private static final String ITEM_COLUMNS = """
            o.id, s.campaign_id, c.name as campaign_name, o.step_id, s.name as step_name, o.customer_id, o.channel,
            o.recipient, o.subject, o.created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OutboxMessages(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Newest first; each filter optional. */
    public PageResult<Item> page(
            @Nullable Long campaignId, @Nullable Long stepId, @Nullable StepChannel channel, int page, int size) {
        int pageSize = PageResult.clampSize(size);
        int pageNumber = Math.max(0, page);
        String channelName = channel == null ? null : channel.name();
        long total = jdbc.sql("select count(*) " + FROM)
                .param("campaign", campaignId)
                .param("step", stepId)
                .param("channel", channelName)
                .query(Long.class)
                .single();
        List<Item> items = jdbc.sql("select " + ITEM_COLUMNS + " " + FROM
                        + " order by o.created_at desc, o.id desc limit :limit offset :offset")
                .param("campaign", campaignId)
                .param("step", stepId)
                .param("channel", channelName)
                .param("limit", pageSize)
                .param("offset", (long) pageNumber * pageSize)
                .query((rs, n) -> item(rs))
                .list();
        return new PageResult<>(items, pageNumber, pageSize, total);
    }

    public Message get(long id) {
        return jdbc.sql("select " + ITEM_COLUMNS + ", o.html_body, o.text_body, o.headers::text as headers "
                        + FROM.replace("where", "where o.id = :id and"))
                .param("id", id)
                .param("campaign", null)
                .param("step", null)
                .param("channel", null)
                .query((rs, n) -> new Message(
                        item(rs),
                        rs.getString("html_body"),
                        rs.getString("text_body"),
                        json.readValue(rs.getString("headers"), HEADERS)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Outbox message " + id + " does not exist"));
    }

    /** The campaign's email and SMS steps, in order, with their members by send state. */
    public List<StepProgress> progress(long campaignId) {
        return jdbc.sql("""
                        select s.id, s.position, s.name, s.channel, s.status, s.sent_at,
                               count(*) filter (where m.send_status = 'PENDING') as pending,
                               count(*) filter (where m.send_status = 'SENDING') as sending,
                               count(*) filter (where m.send_status = 'SENT') as sent,
                               count(*) filter (where m.send_status = 'FAILED') as failed,
                               count(*) filter (where m.send_status = 'UNCERTAIN') as uncertain,
                               count(*) filter (where m.send_status = 'SKIPPED') as skipped
                        from campaign_step s
                        left join campaign_member m on m.step_id = s.id and m.member_group = 'TREATED'
                        where s.campaign_id = :campaign and s.channel in ('EMAIL', 'SMS')
                        group by s.id order by s.position""")
                .param("campaign", campaignId)
                .query((rs, n) -> new StepProgress(
                        rs.getLong("id"),
                        rs.getInt("position"),
                        rs.getString("name"),
                        StepChannel.valueOf(rs.getString("channel")),
                        rs.getString("status"),
                        io.clientele.platform.db.Rows.nullableInstant(rs, "sent_at"),
                        Map.of(
                                SendStatus.PENDING, rs.getLong("pending"),
                                SendStatus.SENDING, rs.getLong("sending"),
                                SendStatus.SENT, rs.getLong("sent"),
                                SendStatus.FAILED, rs.getLong("failed"),
                                SendStatus.UNCERTAIN, rs.getLong("uncertain"),
                                SendStatus.SKIPPED, rs.getLong("skipped"))))
                .list();
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                rs.getString("campaign_name"),
                rs.getLong("step_id"),
                rs.getString("step_name"),
                rs.getLong("customer_id"),
                StepChannel.valueOf(rs.getString("channel")),
                rs.getString("recipient"),
                rs.getString("subject"),
                instant(rs, "created_at"));
    }
}
