package io.clientele.service;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A merged customer's service requests follow them to the survivor. */
@Component
class ServiceMergeParticipant extends TableMergeParticipant {
    ServiceMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "serviceRequests", "service_request");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("update service_request set customer_id = :to where customer_id = :from")
                .param("from", fromId)
                .param("to", toId)
                .update();
    }
}
