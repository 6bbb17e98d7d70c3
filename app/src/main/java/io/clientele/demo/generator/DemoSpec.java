package io.clientele.demo.generator;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate: the number of card holders, the seed of every random draw, and the last day of data. The same
 * spec always gives byte-identical files.
 *
 * @param customers card holders to write, 1 to 99,999,999 (card numbers hold eight digits of the customer number)
 * @param seed the seed of every draw that concerns customers and receipts
 * @param asOf the last day of data; sales cover the two years ending on it, inclusive
 */
public record DemoSpec(int customers, long seed, LocalDate asOf) {
    private static final int MAX_CUSTOMERS = 99_999_999;

    public DemoSpec {
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("customers must be between 1 and " + MAX_CUSTOMERS + ": " + customers);
        }
        Objects.requireNonNull(asOf, "asOf");
    }
}
