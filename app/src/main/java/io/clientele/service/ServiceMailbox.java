package io.clientele.service;

import io.clientele.platform.mail.MailboxReader;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the support mailbox over IMAP ({@link MailboxReader}): each unread mail becomes a request, or joins the request whose thread it
 * answers ({@link ServiceRequests#receive}), and is then deleted, so it is read once; a mail without a sender or
 * Message-ID is marked read and left for a person. Reading the same mail twice (two nodes) records it once.
 */
@Component
class ServiceMailbox {
    private static final Logger log = LoggerFactory.getLogger(ServiceMailbox.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    private final ServiceProperties.Mailbox properties;
    private final ServiceRequests requests;

    @Autowired
    ServiceMailbox(ServiceProperties properties, ServiceRequests requests) {
        this(properties.mailbox(), requests);
    }

    ServiceMailbox(ServiceProperties.Mailbox properties, ServiceRequests requests) {
        this.properties = properties;
        this.requests = requests;
    }

    @Scheduled(
            fixedDelayString = "${clientele.service.mailbox.poll-seconds:60}",
            initialDelayString = "${clientele.service.mailbox.poll-seconds:60}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void scheduled() {
        MailboxReader.poll(properties.account(), this::read, log, "support mailbox", "mail(s)");
    }

    /** Reads the unread mail once; answers how many mails it recorded. */
    int readOnce() throws MessagingException, IOException {
        return MailboxReader.readOnce(properties.account(), this::read);
    }

    private OptionalInt read(Message message) throws MessagingException, IOException {
        ServiceRequests.InboundMail mail = parse((MimeMessage) message);
        if (mail == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(requests.receive(mail).isPresent() ? 1 : 0);
    }

    /** The mail's sender, subject, text and thread; null when it has no sender address or Message-ID. */
    static ServiceRequests.@Nullable InboundMail parse(MimeMessage message) throws MessagingException, IOException {
        Address[] from = message.getFrom();
        String messageId = message.getMessageID();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender) || messageId == null) {
            return null;
        }
        List<String> references = new ArrayList<>();
        for (String header : new String[] {"References", "In-Reply-To"}) {
            String[] values = message.getHeader(header);
            if (values != null) {
                Arrays.stream(values).forEach(v -> {
                    Matcher id = MESSAGE_ID.matcher(v);
                    while (id.find()) {
                        references.add(id.group());
                    }
                });
            }
        }
        String subject = message.getSubject();
        return new ServiceRequests.InboundMail(
                messageId.strip(),
                sender.getAddress(),
                sender.getPersonal() == null ? null : sender.getPersonal().replace("\0", ""),
                // PostgreSQL's text keeps no NUL, which a broken mail may carry
                subject == null ? "" : subject.replace("\0", ""),
                text(message).replace("\0", ""),
                references);
    }

    /** The first text/plain part (a quoted reply's text stays in: an agent reads it as the customer sent it). */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && part.getContent() instanceof String text) {
            return text.strip();
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = text(body);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }
}
