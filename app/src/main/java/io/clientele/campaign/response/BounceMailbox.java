package io.clientele.campaign.response;

import io.clientele.platform.mail.MailboxReader;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the bounce mailbox over IMAP ({@link MailboxReader}): each unread delivery status notification (RFC 3464, {@code multipart/report;
 * report-type=delivery-status}) whose recipients failed is recorded as a bounce of the message its returned headers
 * name, and deleted, so it is read once. Other mail (auto-replies, complaints) is marked read and left for a person.
 * Two nodes reading the same mailbox at once record each bounce once all the same (its dedupe key).
 */
@Component
public class BounceMailbox {
    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);
    private static final Pattern STATUS = Pattern.compile("([245])\\.\\d{1,3}\\.\\d{1,3}");

    private final BounceMailboxProperties properties;
    private final Bounces bounces;

    BounceMailbox(BounceMailboxProperties properties, Bounces bounces) {
        this.properties = properties;
        this.bounces = bounces;
    }

    @Scheduled(
            fixedDelayString = "${clientele.campaign.bounce-mailbox.poll-seconds:60}",
            initialDelayString = "${clientele.campaign.bounce-mailbox.poll-seconds:60}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void scheduled() {
        MailboxReader.poll(properties.account(), this::read, log, "bounce mailbox", "bounce(s)");
    }

    /** Reads the unread mail once; answers how many bounces it recorded. */
    public int readOnce() throws MessagingException, IOException {
        return MailboxReader.readOnce(properties.account(), this::read);
    }

    private OptionalInt read(Message message) throws MessagingException, IOException {
        List<Bounces.Bounce> found = parse(message);
        if (found.isEmpty()) {
            return OptionalInt.empty();
        }
        int recorded = 0;
        for (Bounces.Bounce bounce : found) {
            if (bounces.record(bounce) == Bounces.Outcome.RECORDED) {
                recorded++;
            }
        }
        return OptionalInt.of(recorded);
    }

    /**
     * The bounces a delivery status notification reports: one per failed recipient, of the message whose returned
     * headers ({@code message/rfc822} or {@code text/rfc822-headers}) carry our message header or Message-ID. Empty
     * for anything else.
     */
    static List<Bounces.Bounce> parse(Part message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report")
                || !"delivery-status"
                        .equalsIgnoreCase(new jakarta.mail.internet.ContentType(message.getContentType())
                                .getParameter("report-type"))
                || !(message.getContent() instanceof Multipart report)) {
            return List.of();
        }
        Optional<TrackingLinks.Target> original = Optional.empty();
        List<InternetHeaders> recipients = List.of();
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                recipients = statusBlocks(part);
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                original = originalMessage(part);
            }
        }
        if (original.isEmpty()) {
            return List.of();
        }
        List<Bounces.Bounce> found = new ArrayList<>();
        for (InternetHeaders recipient : recipients) {
            String action = first(recipient, "Action");
            Matcher status = STATUS.matcher(first(recipient, "Status"));
            if (action.strip().toLowerCase(Locale.ROOT).startsWith("failed") && status.find()) {
                Bounces.Type type = status.group(1).equals("5") ? Bounces.Type.HARD : Bounces.Type.SOFT;
                String diagnostic = first(recipient, "Diagnostic-Code").replaceAll("\\s+", " ");
                found.add(new Bounces.Bounce(original.get(), type, status.group(), diagnostic));
            }
        }
        return found;
    }

    /** The per-message block and then one block per recipient, each a group of header fields. */
    private static List<InternetHeaders> statusBlocks(Part part) throws MessagingException, IOException {
        List<InternetHeaders> blocks = new ArrayList<>();
        try (InputStream in = part.getInputStream()) {
            // InternetHeaders reads up to the blank line that ends a block; an empty block is the end of the text
            while (true) {
                InternetHeaders block = new InternetHeaders(in);
                if (!block.getAllHeaders().hasMoreElements()) {
                    return blocks;
                }
                blocks.add(block);
            }
        }
    }

    private static Optional<TrackingLinks.Target> originalMessage(Part part) throws MessagingException, IOException {
        // a returned message is a message of its own (over IMAP, the server parses it); returned headers are text
        if (part.getContent() instanceof Part returned) {
            return original(returned.getHeader(MessageIds.HEADER), returned.getHeader("Message-ID"));
        }
        try (InputStream in = part.getInputStream()) {
            InternetHeaders headers = new InternetHeaders(in);
            return original(headers.getHeader(MessageIds.HEADER), headers.getHeader("Message-ID"));
        }
    }

    private static Optional<TrackingLinks.Target> original(
            @Nullable String @Nullable [] header, @Nullable String @Nullable [] messageId) {
        Optional<TrackingLinks.Target> byHeader = MessageIds.parse(first(header));
        return byHeader.isPresent() ? byHeader : MessageIds.parse(first(messageId));
    }

    private static String first(InternetHeaders headers, String name) {
        return first(headers.getHeader(name));
    }

    private static String first(@Nullable String @Nullable [] values) {
        return values == null || values.length == 0 || values[0] == null ? "" : values[0];
    }
}
