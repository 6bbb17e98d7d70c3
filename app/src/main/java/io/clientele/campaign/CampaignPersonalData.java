package io.clientele.campaign;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person in campaigns: each step that took them in (group, exclusion reason, send state, the address used) with
 * the consent that allowed the contact, the responses, the calls with their notes, the messages kept in the outbox,
 * and the suppressions. The consent record of a send is derived from the append-only consent history: the latest
 * answer on the step's consent channel recorded at or before the audience was frozen (a journey's step, admitted
 * later, at or before the claim to send) — what the launch's consent check read.
 *
 * <p>Erasure keeps the members and responses with the anonymous tombstone (campaign counts and results do not change)
 * but empties the addresses, errors, response details and call notes, deletes the outbox messages (addresses and
 * rendered bodies), and keeps the person's addresses suppressed on every channel as SHA-256 hashes of their match
 * keys only, replacing any suppression listing them in clear.
 */
@Component
class CampaignPersonalData implements PersonalDataParticipant {
    private static final String CONSENT_CHANNEL = Arrays.stream(StepChannel.values())
            .filter(c -> c.consent() != null)
            .map(c -> "when '" + c.name() + "' then '" + c.consent().name() + "'")
            .collect(Collectors.joining(" ", "case st.channel ", " end"));

    private final JdbcClient jdbc;

    CampaignPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("campaign_members", rows(jdbc, """
                select m.campaign_id, c.name as campaign, st.position as step, st.name as step_name, st.channel,
                       m.member_group, m.reason, m.send_status, m.address, m.sent_at, m.coupon_code, m.agent,
                       %s as consent_channel, k.granted as consent_granted, k.source as consent_source,
                       k.recorded_at as consent_recorded_at
                from campaign_member m
                join campaign_step st on st.id = m.step_id
                join campaign c on c.id = m.campaign_id
                left join lateral (
                    select e.granted, e.source, e.recorded_at from customer_consent_event e
                    where e.customer_id = m.customer_id and e.channel = %s
                      and e.recorded_at <= coalesce(st.frozen_at, m.claimed_at, m.sent_at)
                    order by e.recorded_at desc, e.id desc limit 1
                ) k on true
                where m.customer_id = :id order by m.campaign_id, st.position""".formatted(CONSENT_CHANNEL, CONSENT_CHANNEL), person.id()));
        kinds.put("campaign_responses", rows(jdbc, """
                select r.campaign_id, st.position as step, r.kind, r.at, r.detail, r.amount
                from campaign_response r join campaign_step st on st.id = r.step_id
                where r.customer_id = :id order by r.at, r.id""", person.id()));
        kinds.put("calls", rows(jdbc, """
                select st.campaign_id, st.position as step, a.attempt, a.outcome, a.note, a.agent, a.at
                from call_attempt a join campaign_step st on st.id = a.step_id
                where a.customer_id = :id order by a.at""", person.id()));
        kinds.put("messages", rows(jdbc, """
                select st.campaign_id, st.position as step, o.channel, o.recipient, o.subject, o.text_body,
                       o.html_body, o.created_at
                from campaign_outbox o join campaign_step st on st.id = o.step_id
                where o.customer_id = :id order by o.created_at, o.id""", person.id()));
        kinds.put("suppressions", rows(jdbc, """
                select x.channel, x.address, x.reason, x.note, x.added_by, x.added_at
                from suppression x join customer c on c.id = :id
                where x.customer_id = c.id or x.address in (c.email_key, c.phone_key, c.email_hash, c.phone_hash)
                order by x.added_at, x.id""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        long id = person.id();
        jdbc.sql("update campaign_member set address = null, error = null where customer_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("update campaign_response set detail = null where customer_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("update call_attempt set note = null where customer_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("delete from campaign_outbox where customer_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("update suppression set note = null where customer_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("""
                        insert into suppression (channel, address, reason, note, added_by, added_at)
                        select null, hash, 'LEGAL', 'erasure', 'system', now()
                        from customer c cross join lateral (values (c.email_hash), (c.phone_hash)) h (hash)
                        where c.id = :id and hash is not null
                        on conflict do nothing""").param("id", id).update();
        jdbc.sql("""
                        delete from suppression x using customer c
                        where c.id = :id and x.address in (c.email_key, c.phone_key)""").param("id", id).update();
    }
}
