package io.clientele.campaign.send;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Email over SMTP with the server Spring's mail settings name ({@code spring.mail.*}). A batch travels over one
 * connection, or over {@code clientele.campaign.send.smtp-connections} at once (as
 * {@link JavaMailSenderImpl#send(MimeMessage...)} does, but telling each message's fate apart), and a session's
 * connections stay open for the next batch as long as the worker keeps the session: each is checked (NOOP) before a
 * message and opened again when the server dropped it. A server that cannot be reached hands over nothing (retried
 * later); a 5xx reply or an invalid address fails the message for good, a 4xx reply retries it; a connection that
 * breaks while a message travels leaves that message UNCERTAIN (it may have arrived) and the next one opens a new
 * connection.
 */
final class SmtpEmail implements Channel {
    private static final Pattern REPLY = Pattern.compile("\\s*([245]\\d\\d)[ -]");

    private final JavaMailSenderImpl sender;
    private final InternetAddress from;
    private final int connections;

    SmtpEmail(JavaMailSenderImpl sender, String mailFrom, int connections) {
        this.sender = sender;
        this.connections = Math.max(1, connections);
        try {
            this.from = new InternetAddress(mailFrom, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("clientele.campaign.mail-from: not an email address: " + mailFrom, e);
        }
    }

    @Override
    public Channel.Session open() {
        return connections == 1 ? new Connection() : new Connections();
    }

    /**
     * Several connections at once, each with its consecutive share of the messages: the round trips of one
     * connection overlap with the others', as a relay accepting parallel connections allows.
     */
    private final class Connections implements Channel.Session {
        private final List<Connection> open = new ArrayList<>();

        @Override
        public List<Delivery> send(List<OutgoingMessage> messages) {
            int share = Math.ceilDiv(messages.size(), connections);
            List<Future<List<Delivery>>> parts = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i * share < messages.size(); i++) {
                    if (open.size() <= i) {
                        open.add(new Connection());
                    }
                    Connection connection = open.get(i);
                    List<OutgoingMessage> part =
                            messages.subList(i * share, Math.min(messages.size(), (i + 1) * share));
                    parts.add(threads.submit(() -> connection.send(part)));
                }
            }
            List<Delivery> deliveries = new ArrayList<>(messages.size());
            for (Future<List<Delivery>> part : parts) {
                deliveries.addAll(part.resultNow());
            }
            return deliveries;
        }

        @Override
        public void close() {
            open.forEach(Connection::close);
        }
    }

    private final class Connection implements Channel.Session {
        private @Nullable Transport transport;

        @Override
        public List<Delivery> send(List<OutgoingMessage> messages) {
            List<Delivery> deliveries = new ArrayList<>(messages.size());
            for (OutgoingMessage message : messages) {
                deliveries.add(sendOne(message));
            }
            return deliveries;
        }

        private Delivery sendOne(OutgoingMessage message) {
            MimeMessage mime;
            try {
                mime = mime(sender.getSession(), message);
            } catch (MessagingException e) {
                return Delivery.of(message.customerId(), Delivery.Outcome.FAILED, "not a valid message: " + e);
            }
            Transport connected;
            try {
                connected = connect();
            } catch (MessagingException e) {
                return Delivery.of(message.customerId(), Delivery.Outcome.RETRY, "mail server unreachable: " + e);
            }
            try {
                connected.sendMessage(mime, mime.getAllRecipients());
                return Delivery.sent(message.customerId());
            } catch (SendFailedException e) {
                return refused(message.customerId(), e);
            } catch (MessagingException e) {
                close();
                return Delivery.of(message.customerId(), Delivery.Outcome.UNCERTAIN, "connection broke: " + e);
            }
        }

        private Transport connect() throws MessagingException {
            Transport current = transport;
            if (current != null && current.isConnected()) {
                return current;
            }
            close();
            Transport fresh =
                    sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
            String username = sender.getUsername();
            String password = sender.getPassword();
            fresh.connect(
                    sender.getHost(),
                    sender.getPort(),
                    username == null || username.isEmpty() ? null : username,
                    password == null || password.isEmpty() ? null : password);
            transport = fresh;
            return fresh;
        }

        @Override
        public void close() {
            Transport current = transport;
            transport = null;
            if (current != null) {
                try {
                    current.close();
                } catch (MessagingException e) {
                    // the messages are recorded already; a failed QUIT changes none of them
                }
            }
        }
    }

    /**
     * The server refused the message: for good on a 5xx reply or a bad address, for now on a 4xx reply. The reply
     * code is read from the start of the server's reply, which JavaMail's SMTP exceptions carry as their message.
     */
    private static Delivery refused(long customerId, SendFailedException e) {
        int code = -1;
        for (Exception cause = e; cause != null && code < 0; cause = nextOf(cause)) {
            Matcher reply = REPLY.matcher(String.valueOf(cause.getMessage()));
            if (reply.lookingAt()) {
                code = Integer.parseInt(reply.group(1));
            }
        }
        Delivery.Outcome outcome = code >= 400 && code < 500 ? Delivery.Outcome.RETRY : Delivery.Outcome.FAILED;
        return Delivery.of(customerId, outcome, e.getMessage());
    }

    private static @Nullable Exception nextOf(Exception e) {
        return e instanceof MessagingException m ? m.getNextException() : null;
    }

    /**
     * Quoted-printable, named rather than chosen by a scan of the content: it keeps the HTML (one long line as
     * rendered) within SMTP's line length, and any character intact.
     */
    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /** multipart/alternative: the text part, then the HTML part; the headers the renderer chose, Message-ID kept. */
    private MimeMessage mime(jakarta.mail.Session session, OutgoingMessage message) throws MessagingException {
        String messageId = Objects.requireNonNull(message.headers().get("Message-ID"));
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(from);
        mime.setRecipients(MimeMessage.RecipientType.TO, new Address[] {new InternetAddress(message.recipient())});
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(new Date());
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            mime.setHeader(header.getKey(), header.getValue());
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part(message.text(), "plain"));
        alternative.addBodyPart(part(Objects.requireNonNull(message.html()), "html"));
        mime.setContent(alternative);
        mime.saveChanges();
        return mime;
    }
}
