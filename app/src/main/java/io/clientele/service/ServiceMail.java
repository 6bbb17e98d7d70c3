package io.clientele.service;

import io.clientele.platform.mail.OutboxDelivery;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the requests' pending mail (replies to customers, escalation notices) over SMTP ({@code spring.mail.*}),
 * after the transaction that recorded it: each with the Message-ID made when it was recorded, and a reply with
 * {@code In-Reply-To} and {@code References} naming the customer's latest mail (else the thread's first), so that
 * the customer's mail program shows it in the conversation. A message the server refused is FAILED with the reason;
 * one the server could not be reached for stays PENDING for the next round.
 */
@Component
class ServiceMail {
    private final JdbcClient jdbc;
    private final ServiceProperties properties;
    private final ObjectProvider<JavaMailSender> mail;

    ServiceMail(JdbcClient jdbc, ServiceProperties properties, ObjectProvider<JavaMailSender> mail) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.mail = mail;
    }

    @Scheduled(
            fixedDelayString = "${clientele.service.send-seconds:10}",
            initialDelayString = "${clientele.service.send-seconds:10}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void scheduled() {
        if (mail.getIfAvailable() instanceof JavaMailSenderImpl smtp && smtp.getHost() != null) {
            sendPending(smtp);
        }
    }

    private record Pending(
            long id,
            long requestId,
            String kind,
            String body,
            String to,
            String messageId,
            @Nullable String inReplyTo,
            String threadId,
            String subject) {}

    /** Sends what is pending, oldest first, 100 at a time; answers how many went out. */
    int sendPending(JavaMailSender sender) {
        List<Pending> pending = jdbc.sql("""
                        select m.id, m.request_id, m.kind, m.body, m.to_address, m.message_id, m.in_reply_to,
                               r.thread_id, r.subject
                        from service_message m join service_request r on r.id = m.request_id
                        where m.send_status = 'PENDING' order by m.id limit 100""")
                .query((rs, n) -> new Pending(
                        rs.getLong("id"),
                        rs.getLong("request_id"),
                        rs.getString("kind"),
                        rs.getString("body"),
                        rs.getString("to_address"),
                        rs.getString("message_id"),
                        rs.getString("in_reply_to"),
                        rs.getString("thread_id"),
                        rs.getString("subject")))
                .list();
        return OutboxDelivery.send(
                sender,
                pending,
                this::mime,
                (p, error) -> jdbc.sql(
                                "update service_message set send_status = :status, send_error = :error where id = :id")
                        .param("status", error == null ? "SENT" : "FAILED")
                        .param("error", error)
                        .param("id", p.id())
                        .update(),
                p -> "service mail " + p.id());
    }

    private MimeMessage mime(Pending p) throws MessagingException {
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", p.messageId());
            }
        };
        mime.setFrom(new InternetAddress(properties.mailFrom(), true));
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(p.to(), true));
        boolean reply = p.kind().equals(MessageKind.REPLY.name());
        // the request's number in the subject lets a reply without threading headers find its request too
        String subject = (reply ? "Re: " : "SLA: ") + "[#" + p.requestId() + "] " + p.subject();
        mime.setSubject(subject, StandardCharsets.UTF_8.name());
        mime.setText(p.body(), StandardCharsets.UTF_8.name());
        if (reply) {
            String parent = p.inReplyTo() == null ? p.threadId() : p.inReplyTo();
            mime.setHeader("In-Reply-To", parent);
            mime.setHeader("References", parent.equals(p.threadId()) ? parent : p.threadId() + " " + parent);
        }
        return mime;
    }
}
