package io.clientele.service;

import io.clientele.platform.mail.MailboxReader;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.service.*}: the address replies come from (and the domain of the Message-IDs we make), how often
 * breached requests are escalated and pending mail sent, how many public FAQ pages one client address gets a minute,
 * and the support mailbox read over IMAP every
 * {@code mailbox.poll-seconds} (no host: none is read).
 */
@ConfigurationProperties("clientele.service")
public record ServiceProperties(
        @DefaultValue("support@clientele.local") String mailFrom,
        @DefaultValue("clientele.local") String mailDomain,
        @DefaultValue("60") int escalationSeconds,
        @DefaultValue("10") int sendSeconds,
        @DefaultValue("60") int faqPerMinute,
        @DefaultValue Mailbox mailbox) {
    public record Mailbox(
            @Nullable String host,
            @DefaultValue("993") int port,
            /* imaps (TLS) or imap */
            @DefaultValue("imaps") String protocol,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("INBOX") String folder,
            @DefaultValue("60") int pollSeconds) {
        public MailboxReader.Account account() {
            return new MailboxReader.Account(host, port, protocol, username, password, folder);
        }
    }
}
