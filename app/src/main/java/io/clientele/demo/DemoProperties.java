package io.clientele.demo;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.demo.*}: whether an empty database gets demo data, how many customers, the seed, and the
 * last day of data (yesterday when unset: the last complete day, so that "the last 30 days" have data).
 */
@ConfigurationProperties("clientele.demo")
record DemoProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20000") int customers,
        @DefaultValue("20261123") long seed,
        @Nullable LocalDate asOf) {}
