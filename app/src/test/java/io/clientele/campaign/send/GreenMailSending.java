package io.clientele.campaign.send;

import com.icegreen.greenmail.util.GreenMail;
import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.StepChannel;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

/**
 * For tests of other features whose customers are sent email by the real workers (a journey's steps): a worker over
 * SMTP to a GreenMail server, with the application's store and renderer, run until a step has nothing left to send.
 */
public final class GreenMailSending {
    private final ApplicationContext context;
    private final GreenMail smtp;

    public GreenMailSending(ApplicationContext context, GreenMail smtp) {
        this.context = context;
        this.smtp = smtp;
    }

    /** Sends the step's pending members (a worker named {@code worker}) until none is pending or sending. */
    public void drain(long stepId, String worker) throws InterruptedException {
        CampaignProperties properties = context.getBean(CampaignProperties.class);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        Outbox outbox = new Outbox(
                context.getBean(org.springframework.jdbc.core.JdbcTemplate.class),
                context.getBean(JsonMapper.class),
                context.getBean(java.time.Clock.class));
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (SendWorker sending = new SendWorker(
                worker,
                context.getBean(SendStore.class),
                context.getBean(MessageRenderer.class),
                Map.of(StepChannel.EMAIL, new SmtpEmail(sender, properties.mailFrom(), 2), StepChannel.SMS, outbox),
                new SendThrottle(properties),
                properties,
                new SendProperties(0, 50, 50, 5, 0, 2, 30),
                step -> step.id() == stepId)) {
            while (jdbc.sql("""
                            select count(*) from campaign_member
                            where step_id = :step and send_status in ('PENDING', 'SENDING')""").param("step", stepId).query(Long.class).single() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("step " + stepId + " still has members to send");
                }
                long wait = sending.runOnce();
                if (wait > 0) {
                    Thread.sleep(Math.min(wait, 50));
                }
            }
        }
    }
}
