package io.clientele.campaign;

import io.clientele.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads campaign steps; the audience feature creates and changes them. */
@Service
public class CampaignSteps {
    static final String COLUMNS = """
            id, campaign_id, position, name, channel, material_id, material_version, offer, coupon_prefix,
            coupon_value, coupon_valid_until, assignment, send_at, throttle_per_minute, unit_cost, status, frozen_at,
            sent_at""";

    private final JdbcClient jdbc;

    CampaignSteps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CampaignStep> find(long stepId) {
        return jdbc.sql("select " + COLUMNS + " from campaign_step where id = :id")
                .param("id", stepId)
                .query(CampaignSteps::step)
                .optional();
    }

    public CampaignStep get(long stepId) {
        return find(stepId).orElseThrow(() -> new NotFoundException("Campaign step " + stepId + " does not exist"));
    }

    /** In their order. */
    public List<CampaignStep> of(long campaignId) {
        return jdbc.sql("select " + COLUMNS + " from campaign_step where campaign_id = :id order by position")
                .param("id", campaignId)
                .query(CampaignSteps::step)
                .list();
    }

    static CampaignStep step(ResultSet rs, int row) throws SQLException {
        String assignment = rs.getString("assignment");
        return new CampaignStep(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                rs.getInt("position"),
                rs.getString("name"),
                StepChannel.valueOf(rs.getString("channel")),
                rs.getObject("material_id", Long.class),
                rs.getObject("material_version", Integer.class),
                rs.getString("offer"),
                rs.getString("coupon_prefix"),
                rs.getBigDecimal("coupon_value"),
                rs.getObject("coupon_valid_until", java.time.LocalDate.class),
                assignment == null ? null : CampaignStep.CallAssignment.valueOf(assignment),
                instant(rs.getTimestamp("send_at")),
                rs.getObject("throttle_per_minute", Integer.class),
                rs.getBigDecimal("unit_cost"),
                CampaignStep.Status.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("frozen_at")),
                instant(rs.getTimestamp("sent_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
