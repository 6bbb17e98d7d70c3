package io.clientele.membercomms;

import io.clientele.customer.TableMergeParticipant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged customer's member messages follow them to the survivor, except occasions the survivor had too (a second
 * welcome, the same month's statement): the survivor's stand and the merged customer's go with its row. So the
 * survivor is not welcomed or greeted again for what either of them already got.
 */
@Component
class MemberMessageMergeParticipant extends TableMergeParticipant {
    MemberMessageMergeParticipant(JdbcClient jdbc) {
        super(jdbc, "memberMessages", "member_message");
    }

    @Override
    public void moveRows(long fromId, long toId) {
        jdbc.sql("""
                        update member_message m set customer_id = :to
                        where m.customer_id = :from
                          and not exists (select 1 from member_message s
                                          where s.customer_id = :to and s.programme = m.programme
                                            and s.occasion = m.occasion)""").param("from", fromId).param("to", toId).update();
    }
}
