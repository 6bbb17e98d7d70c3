package io.clientele.campaign.response;

import io.clientele.platform.mail.MailboxReader;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.campaign.bounce-mailbox.*}: the IMAP mailbox bounces (delivery status notifications) arrive in,
 * read every {@code poll-seconds}. No host: no mailbox is read.
 */
@ConfigurationProperties("clientele.campaign.bounce-mailbox")
public record BounceMailboxProperties(
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
