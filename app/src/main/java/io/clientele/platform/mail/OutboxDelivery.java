package io.clientele.platform.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends a feature's pending mail in order and says what became of each: sent, or failed for good (a message that
 * cannot be built, an address the server refuses). When the server cannot take mail now (unreachable, or any other
 * transient refusal) it stops, leaving that message and the rest pending for the next round.
 */
public final class OutboxDelivery {
    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private OutboxDelivery() {}

    /** Builds the MIME message of a pending row. */
    @FunctionalInterface
    public interface Compose<P> {
        MimeMessage of(P pending) throws MessagingException;
    }

    /** Records a row's outcome: {@code error} null when it was sent. */
    @FunctionalInterface
    public interface Outcome<P> {
        void record(P pending, @Nullable String error);
    }

    /** Answers how many were sent; {@code what} names the mail in the log ("form mail 12"). */
    public static <P> int send(
            JavaMailSender sender,
            List<P> pending,
            Compose<P> compose,
            Outcome<P> outcome,
            java.util.function.Function<P, String> what) {
        int sent = 0;
        for (P p : pending) {
            String error;
            try {
                sender.send(compose.of(p));
                error = null;
            } catch (MessagingException e) {
                error = "not a valid message: " + e.getMessage();
            } catch (MailSendException e) {
                if (String.valueOf(e.getMessage()).contains("connection failed")) {
                    log.warn("Could not reach the mail server for {}: {}", what.apply(p), e.toString());
                    return sent;
                }
                error = e.getMessage();
            } catch (MailException e) {
                log.warn("Could not send {}: {}", what.apply(p), e.toString());
                return sent;
            }
            outcome.record(p, error);
            if (error == null) {
                sent++;
            }
        }
        return sent;
    }
}
