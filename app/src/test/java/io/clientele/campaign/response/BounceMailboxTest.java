package io.clientele.campaign.response;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Delivery status notifications parsed: which recipients failed, how, and which message of ours came back. */
class BounceMailboxTest {
    private static final String HEAD = "From: MAILER-DAEMON@mx.example.net\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B0\"\r\n\r\n"
            + "--B0\r\nContent-Type: text/plain\r\n\r\nUndelivered.\r\n"
            + "--B0\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n";

    private static List<Bounces.Bounce> parse(String raw) throws Exception {
        return BounceMailbox.parse(new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void eachFailedRecipientOfTheReturnedMessageIsABounce() throws Exception {
        List<Bounces.Bounce> found = parse(HEAD
                + "Final-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1\r\n  user unknown\r\n\r\n"
                + "Final-Recipient: rfc822; b@example.com\r\nAction: delayed\r\nStatus: 4.4.1\r\n\r\n"
                + "--B0\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Message-ID: <c12.34.x9@clientele>\r\nSubject: Hi\r\n\r\nBody\r\n--B0--\r\n");
        assertThat(found)
                .containsExactly(new Bounces.Bounce(
                        new TrackingLinks.Target(12, 34), Bounces.Type.HARD, "5.1.1", "smtp; 550 5.1.1 user unknown"));
    }

    @Test
    void ourHeaderIsPreferredAndASoftFailureIsSoft() throws Exception {
        List<Bounces.Bounce> found = parse(HEAD
                + "Final-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 4.2.2 (mailbox full)\r\n\r\n"
                + "--B0\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "Message-ID: <unrelated@mx.example.net>\r\nX-Clientele-Message: 7.8\r\n--B0--\r\n");
        assertThat(found)
                .containsExactly(new Bounces.Bounce(new TrackingLinks.Target(7, 8), Bounces.Type.SOFT, "4.2.2", ""));
    }

    @Test
    void otherMailIsNoBounce() throws Exception {
        assertThat(parse("From: a@example.com\r\nSubject: Out of office\r\nX-Clientele-Message: 7.8\r\n\r\nAway\r\n"))
                .isEmpty();
        // a report about another installation's message
        assertThat(parse(HEAD + "Action: failed\r\nStatus: 5.1.1\r\n\r\n--B0\r\nContent-Type: text/rfc822-headers"
                        + "\r\n\r\nMessage-ID: <abc@elsewhere>\r\n--B0--\r\n"))
                .isEmpty();
    }

    @Test
    void messageIdsAndHeaderValuesParse() {
        assertThat(MessageIds.parse(" 12.34 ")).contains(new TrackingLinks.Target(12, 34));
        assertThat(MessageIds.parse("<c12.34.Zx-9_@clientele>")).contains(new TrackingLinks.Target(12, 34));
        assertThat(MessageIds.parse("c12.34.r@clientele")).contains(new TrackingLinks.Target(12, 34));
        assertThat(MessageIds.parse("<c12.34.r@clientele.evil>")).isEmpty();
        assertThat(MessageIds.parse("12.x")).isEmpty();
        assertThat(MessageIds.parse("")).isEmpty();
        assertThat(MessageIds.parse(MessageIds.header(5, 6))).contains(new TrackingLinks.Target(5, 6));
        assertThat(MessageIds.parse(MessageIds.messageId(5, 6))).contains(new TrackingLinks.Target(5, 6));
        assertThat(MessageIds.messageId(5, 6)).isNotEqualTo(MessageIds.messageId(5, 6));
    }
}
