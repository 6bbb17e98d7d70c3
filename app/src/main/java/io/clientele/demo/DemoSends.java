package io.clientele.demo;

import io.clientele.campaign.send.StepSender;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sending a demo step: the demo's campaigns and journey plant responses on the members it reached. */
final class DemoSends {
    private DemoSends() {}

    /** Sends the step's pending members; answers those it sent, in an order drawn from the seed. */
    static List<Long> sendAll(StepSender sender, JdbcClient jdbc, long step, long seed) throws InterruptedException {
        sender.sendAll(step, "demo", 500, 50);
        return jdbc.sql("""
                        select customer_id from campaign_member where step_id = :step and send_status = 'SENT'
                        order by md5(customer_id::text || :seed)""")
                .param("step", step)
                .param("seed", String.valueOf(seed))
                .query(Long.class)
                .list();
    }
}
