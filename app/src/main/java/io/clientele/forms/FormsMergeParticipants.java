package io.clientele.forms;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A merged customer's submissions and registrations follow them to the survivor. */
@Configuration(proxyBeanMethods = false)
class FormsMergeParticipants {
    @Bean
    TableMergeParticipant formSubmissionsMerge(JdbcClient jdbc) {
        return new TableMergeParticipant(jdbc, "formSubmissions", "form_submission") {
            @Override
            public void moveRows(long fromId, long toId) {
                jdbc.sql("update form_submission set customer_id = :to where customer_id = :from")
                        .param("from", fromId)
                        .param("to", toId)
                        .update();
            }
        };
    }

    @Bean
    TableMergeParticipant eventRegistrationsMerge(JdbcClient jdbc) {
        return new TableMergeParticipant(jdbc, "eventRegistrations", "event_registration") {
            /**
             * Both registered for one session: the survivor's registration stays (checked in if either was) and the
             * other's seat is given back; the rest move.
             */
            @Override
            public void moveRows(long fromId, long toId) {
                jdbc.sql("""
                                update event_registration t
                                set checked_in_at = coalesce(t.checked_in_at, f.checked_in_at),
                                    checked_in_by = coalesce(t.checked_in_by, f.checked_in_by)
                                from event_registration f
                                where f.customer_id = :from and t.customer_id = :to and f.session_id = t.session_id""").param("from", fromId).param("to", toId).update();
                jdbc.sql("""
                                with twice as (
                                    delete from event_registration f
                                    where f.customer_id = :from and exists (
                                        select 1 from event_registration t
                                        where t.customer_id = :to and t.session_id = f.session_id)
                                    returning f.session_id)
                                update event_session s set registered = registered - 1
                                from twice where twice.session_id = s.id""").param("from", fromId).param("to", toId).update();
                jdbc.sql("update event_registration set customer_id = :to where customer_id = :from")
                        .param("from", fromId)
                        .param("to", toId)
                        .update();
            }
        };
    }
}
