package io.clientele.campaign.send;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.campaign.send.*}: how many send workers this process runs (0: none; several processes may each
 * run theirs), how long an idle worker waits before looking again, how many messages of a claimed batch are handed
 * over before their outcome is recorded (the window in which a crash leaves members UNCERTAIN), and how often and
 * how soon a message is retried after a transient failure (the server down, a 4xx reply, a gateway's 5xx),
 * over how many SMTP connections at once a worker hands over a batch, and how long a worker keeps them open with
 * nothing to send (0: closed after each batch).
 */
@ConfigurationProperties("clientele.campaign.send")
public record SendProperties(
        @DefaultValue("1") int workers,
        @DefaultValue("1000") long pollMillis,
        @DefaultValue("50") int recordEvery,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("60") int retryDelaySeconds,
        @DefaultValue("4") int smtpConnections,
        @DefaultValue("30") int keepOpenSeconds) {}
