package io.clientele.forms;

import io.clientele.platform.mail.OutboxDelivery;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the confirmation mail of submissions (the double opt-in link, a registration's badge code) over SMTP
 * ({@code spring.mail.*}) after the submission committed, so a rolled-back submission is never mailed and a retried
 * POST mails nothing again. A message the server refused is FAILED with the reason; one the server could not be
 * reached for stays PENDING for the next round.
 */
@Component
public class FormMail {
    private final JdbcClient jdbc;
    private final FormsProperties properties;
    private final ObjectProvider<JavaMailSender> mail;

    FormMail(JdbcClient jdbc, FormsProperties properties, ObjectProvider<JavaMailSender> mail) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.mail = mail;
    }

    @Scheduled(
            fixedDelayString = "${clientele.forms.send-seconds:10}",
            initialDelayString = "${clientele.forms.send-seconds:10}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void scheduled() {
        if (mail.getIfAvailable() instanceof JavaMailSenderImpl smtp && smtp.getHost() != null) {
            sendPending(smtp);
        }
    }

    private record Pending(long id, String to, String subject, String body) {}

    /** Sends what is pending, oldest first, 100 at a time; answers how many went out. */
    public int sendPending(JavaMailSender sender) {
        List<Pending> pending = jdbc.sql("""
                        select id, to_address, subject, body from form_mail
                        where send_status = 'PENDING' order by id limit 100""")
                .query((rs, n) -> new Pending(
                        rs.getLong("id"), rs.getString("to_address"), rs.getString("subject"), rs.getString("body")))
                .list();
        return OutboxDelivery.send(
                sender,
                pending,
                p -> {
                    MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
                    mime.setFrom(new InternetAddress(properties.mailFrom(), true));
                    mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(p.to(), true));
                    mime.setSubject(p.subject(), StandardCharsets.UTF_8.name());
                    mime.setText(p.body(), StandardCharsets.UTF_8.name());
                    return mime;
                },
                (p, error) -> jdbc.sql("update form_mail set send_status = :status, send_error = :error where id = :id")
                        .param("status", error == null ? "SENT" : "FAILED")
                        .param("error", error)
                        .param("id", p.id())
                        .update(),
                p -> "form mail " + p.id());
    }
}
