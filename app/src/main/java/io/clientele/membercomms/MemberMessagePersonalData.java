package io.clientele.membercomms;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The member communications the person was sent, with the figures each was about; erased whole. */
@Component
class MemberMessagePersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    MemberMessagePersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        return Map.of("member_messages", rows(jdbc, """
                select programme, occasion, step_id, triggered_at, statement_month, opening, earned, redeemed,
                       expired, closing, expiring_points, expiring_on, bonus_points
                from member_message where customer_id = :id order by triggered_at, id""", person.id()));
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("delete from member_message where customer_id = :id")
                .param("id", person.id())
                .update();
    }
}
