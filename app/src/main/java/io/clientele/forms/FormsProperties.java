package io.clientele.forms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.forms.*}: how many public form pages and submissions one client address gets a minute, the
 * address visitors reach the public forms at (confirmation links are built on it, never on the request's Host header,
 * which the sender chooses), the From of confirmation mail and how often pending mail is sent.
 */
@ConfigurationProperties("clientele.forms")
public record FormsProperties(
        @DefaultValue("60") int pagesPerMinute,
        @DefaultValue("10") int submissionsPerMinute,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("events@clientele.local") String mailFrom,
        @DefaultValue("10") int sendSeconds) {}
