package io.clientele.campaign.audience;

import io.clientele.audit.AuditTrail;
import io.clientele.campaign.Campaigns;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.segment.SavedSegments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The audience of a campaign: changed with the plan (only while it is a draft or rejected), read at launch. */
@Service
public class CampaignAudiences {
    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final SavedSegments segments;
    private final AuditTrail audit;

    CampaignAudiences(JdbcClient jdbc, Campaigns campaigns, SavedSegments segments, AuditTrail audit) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.segments = segments;
        this.audit = audit;
    }

    public CampaignAudience get(long campaignId) {
        record Row(int priority, BigDecimal controlPercent) {}
        Row row = jdbc.sql("select priority, control_percent from campaign where id = :id")
                .param("id", campaignId)
                .query((rs, n) -> new Row(rs.getInt("priority"), rs.getBigDecimal("control_percent")))
                .optional()
                .orElseThrow(() -> new NotFoundException("No campaign " + campaignId));
        List<CampaignAudience.Segment> include = new ArrayList<>();
        List<CampaignAudience.Segment> exclude = new ArrayList<>();
        jdbc.sql("""
                        select a.segment_id, a.exclude, s.name from campaign_audience a
                        join segment s on s.id = a.segment_id
                        where a.campaign_id = :id order by lower(s.name), s.id""").param("id", campaignId).query(rs -> {
            var segment = new CampaignAudience.Segment(rs.getLong("segment_id"), rs.getString("name"));
            (rs.getBoolean("exclude") ? exclude : include).add(segment);
        });
        return new CampaignAudience(
                campaignId, row.priority(), row.controlPercent().stripTrailingZeros(), include, exclude);
    }

    /**
     * Replaces the audience; sending the same one again changes nothing.
     *
     * @throws InvalidInputException naming every wrong field
     */
    @Transactional
    public CampaignAudience update(long campaignId, AudienceInput input, String actor) {
        campaigns.lockEditable(campaignId);
        List<FieldProblem> problems = new ArrayList<>();
        AudienceInput.Parsed parsed = input.parse(problems);
        unknown("include", parsed.include(), problems);
        unknown("exclude", parsed.exclude(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("update campaign set priority = :priority, control_percent = :control where id = :id")
                .param("priority", parsed.priority())
                .param("control", parsed.controlPercent())
                .param("id", campaignId)
                .update();
        jdbc.sql("delete from campaign_audience where campaign_id = :id")
                .param("id", campaignId)
                .update();
        insert(campaignId, parsed.include(), false);
        insert(campaignId, parsed.exclude(), true);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("include", parsed.include());
        details.put("exclude", parsed.exclude());
        details.put("priority", parsed.priority());
        details.put("controlPercent", parsed.controlPercent());
        audit.record("campaign.audience.updated", "campaign", campaignId, details);
        return get(campaignId);
    }

    private void unknown(String field, Set<Long> ids, List<FieldProblem> problems) {
        ids.stream()
                .filter(id -> segments.find(id).isEmpty())
                .findFirst()
                .ifPresent(id -> problems.add(FieldProblem.of(field, "validation.unknown", id)));
    }

    private void insert(long campaignId, Set<Long> ids, boolean exclude) {
        for (long segment : ids) {
            jdbc.sql("""
                            insert into campaign_audience (campaign_id, segment_id, exclude)
                            values (:campaign, :segment, :exclude)""")
                    .param("campaign", campaignId)
                    .param("segment", segment)
                    .param("exclude", exclude)
                    .update();
        }
    }
}
