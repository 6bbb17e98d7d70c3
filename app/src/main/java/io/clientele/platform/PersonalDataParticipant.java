package io.clientele.platform;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A feature's part in a person's privacy rights (GDPR Art. 15, 17 and 20). Every Spring bean implementing this takes
 * part in each export and each erasure of a customer, in order ({@link #getOrder()}): the feature exports the rows it
 * holds about the person and, on erasure, removes them or anonymises them irreversibly, inside the erasure's one
 * transaction. A feature that adds a table or file holding personal data adds (or extends) its participant; the
 * erasure test scans the whole database and data folder for what one forgot.
 */
public interface PersonalDataParticipant extends Ordered {
    /** Every kind of data the feature holds about the person, by a short stable name ({@code "consents"}), as rows. */
    Map<String, List<Map<String, Object>>> export(DataSubject person);

    /** Removes or irreversibly anonymises what the feature holds about the person; aggregates stay. */
    void erase(DataSubject person);

    /** Participants run in ascending order; the customer's own row is erased last (it names the person). */
    @Override
    default int getOrder() {
        return 0;
    }

    /** The rows of a query about the person, whose only parameter is {@code :id}, the customer's id. */
    static List<Map<String, Object>> rows(JdbcClient jdbc, String sql, long id) {
        return jdbc.sql(sql).param("id", id).query().listOfRows();
    }
}
