package io.clientele.demo.generator;

/** The identifier formats of the data set. */
final class Codes {
    private Codes() {}

    /** {@code prefix} and {@code number} zero-padded to {@code width} digits; wider numbers are kept whole. */
    static String padded(String prefix, long number, int width) {
        String digits = Long.toString(number);
        if (digits.length() >= width) {
            return prefix + digits;
        }
        return prefix + "0".repeat(width - digits.length()) + digits;
    }

    /** C0000123 for customer number 123. */
    static String externalId(long customerNumber) {
        return padded("C", customerNumber, 7);
    }

    /** 12 digits: 8800 and the customer number in eight digits. */
    static String cardNumber(long customerNumber) {
        return Long.toString(880_000_000_000L + customerNumber);
    }

    /** R0000000001 for the first receipt written. */
    static String receiptId(long receiptNumber) {
        return padded("R", receiptNumber, 10);
    }
}
