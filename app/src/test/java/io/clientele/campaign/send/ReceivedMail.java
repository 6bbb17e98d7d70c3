package io.clientele.campaign.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** What the sending tests share about GreenMail: a sender that talks to it, and the parts of a received message. */
final class ReceivedMail {
    private ReceivedMail() {}

    /** A mail sender to the GreenMail server of the test. */
    static JavaMailSenderImpl sender(GreenMail smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        return sender;
    }

    /** The text of the message's part of this type; every campaign email is multipart/alternative. */
    static String part(MimeMessage message, String type) throws Exception {
        Multipart alternative = (Multipart) message.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        for (int i = 0; i < alternative.getCount(); i++) {
            if (alternative.getBodyPart(i).isMimeType(type)) {
                return (String) alternative.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
