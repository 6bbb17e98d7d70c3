package io.clientele.campaign;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.campaign.*}: the address customers reach the tracking links at ({@code public-url}), the sender
 * of campaign email, the SMS gateway (none: SMS go to the outbox; email goes to the outbox when
 * {@code spring.mail.host} is not set), the default messages per minute per channel, and how long a claimed message
 * may stay SENDING before it counts as UNCERTAIN.
 */
@ConfigurationProperties("clientele.campaign")
public record CampaignProperties(
        @DefaultValue("http://localhost:8080") String publicUrl,

        @DefaultValue("Clientele <marketing@clientele.local>")
        String mailFrom,

        @Nullable String smsGatewayUrl,
        @Nullable String smsGatewayToken,
        @DefaultValue("120000") int emailPerMinute,
        @DefaultValue("6000") int smsPerMinute,
        @DefaultValue("500") int batchSize,
        @DefaultValue("300") int claimTimeoutSeconds) {}
