package io.clientele.platform.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Reads a feature's IMAP mailbox once: each unread mail goes to the feature, and is then deleted, so it is read once,
 * or — when it is not the feature's to read — marked read and left for a person. The feature records each mail so
 * that reading it twice (two nodes at once) records it once.
 */
public final class MailboxReader {
    private MailboxReader() {}

    /** Where the mailbox is; no host: there is no mailbox to read. */
    public record Account(
            @Nullable String host,
            int port,
            String protocol,
            @Nullable String username,
            @Nullable String password,
            String folder) {}

    /** Records one unread mail. */
    @FunctionalInterface
    public interface Reader {
        /** How many things it recorded from the mail; empty when it is not the feature's to read. */
        OptionalInt read(Message message) throws MessagingException, IOException;
    }

    /** Reads the unread mail once; answers how many things the reader recorded. */
    public static int readOnce(Account account, Reader reader) throws MessagingException, IOException {
        Properties session = new Properties();
        session.put("mail." + account.protocol() + ".connectiontimeout", "10000");
        session.put("mail." + account.protocol() + ".timeout", "30000");
        Store store = Session.getInstance(session).getStore(account.protocol());
        store.connect(account.host(), account.port(), account.username(), account.password());
        try {
            Folder folder = store.getFolder(account.folder());
            folder.open(Folder.READ_WRITE);
            int recorded = 0;
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    OptionalInt read = reader.read(message);
                    recorded += read.orElse(0);
                    message.setFlag(read.isPresent() ? Flags.Flag.DELETED : Flags.Flag.SEEN, true);
                }
            } finally {
                folder.close(true);
            }
            return recorded;
        } finally {
            store.close();
        }
    }

    /**
     * One scheduled round: reads the mailbox when it has a host, and logs what it read or why it could not, naming
     * the mailbox and the things read (e.g. "bounce mailbox", "bounce(s)").
     */
    public static void poll(Account account, Reader reader, Logger log, String mailbox, String things) {
        if (account.host() == null || account.host().isBlank()) {
            return;
        }
        try {
            int read = readOnce(account, reader);
            if (read > 0) {
                log.info("Read {} {} from the {}", read, things, mailbox);
            }
        } catch (MessagingException | IOException e) {
            log.warn("Could not read the {} {}: {}", mailbox, account.host(), e.toString());
        }
    }
}
