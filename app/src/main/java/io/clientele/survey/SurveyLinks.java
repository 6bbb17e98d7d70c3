package io.clientele.survey;

import static io.clientele.platform.db.Rows.timestamptz;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Personal survey links: {@code /s/<survey key>/<token>}, the token naming the customer, the survey and the send
 * ({@link LinkToken}) under a key generated once per installation and kept in {@code survey_secret}. The path is
 * relative: the campaign feature puts its public address in front, as it does for its tracking links.
 */
@Component
public class SurveyLinks {
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile LinkToken tokens;

    SurveyLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The link of one customer to a survey, outside any campaign (an agent's, or the API's). */
    public String path(Survey survey, long customerId) {
        return path(survey.key(), new LinkTarget(survey.id(), customerId, null, null));
    }

    /**
     * The links of a campaign step's customers to the survey with this key, each recorded as issued (the "sent" of
     * the survey's response rate; issuing again changes nothing); empty when no survey has the key.
     */
    public Map<Long, String> issue(String surveyKey, long campaignId, long stepId, Collection<Long> customerIds) {
        Optional<Long> surveyId = jdbc.sql("select id from survey where key = :key")
                .param("key", surveyKey)
                .query(Long.class)
                .optional();
        Map<Long, String> links = new LinkedHashMap<>();
        if (surveyId.isEmpty() || customerIds.isEmpty()) {
            return links;
        }
        jdbc.sql("""
                        insert into survey_invitation (survey_id, step_id, customer_id, campaign_id, issued_at)
                        select :survey, :step, c, :campaign, :now from unnest(cast(:customers as bigint[])) c
                        on conflict do nothing""")
                .param("survey", surveyId.get())
                .param("step", stepId)
                .param("campaign", campaignId)
                .param("customers", customerIds.toArray(Long[]::new))
                .param("now", timestamptz(clock.instant()))
                .update();
        for (long customerId : customerIds) {
            links.put(customerId, path(surveyKey, new LinkTarget(surveyId.get(), customerId, campaignId, stepId)));
        }
        return links;
    }

    /** Whom a token is for, or empty when this server did not make it (changed, cut, or made up). */
    Optional<LinkTarget> open(String token) {
        return tokens().open(token);
    }

    private String path(String surveyKey, LinkTarget target) {
        return "/s/" + surveyKey + "/" + tokens().seal(target);
    }

    private LinkToken tokens() {
        LinkToken t = tokens;
        if (t == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // the first node to get here stores its key; every node then reads the same one
            jdbc.sql("""
                            insert into survey_secret (name, value, created_at) values ('links', :value, :at)
                            on conflict (name) do nothing""")
                    .param("value", fresh)
                    .param("at", timestamptz(clock.instant()))
                    .update();
            t = new LinkToken(jdbc.sql("select value from survey_secret where name = 'links'")
                    .query(byte[].class)
                    .single());
            tokens = t;
        }
        return t;
    }
}
