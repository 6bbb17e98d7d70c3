package io.clientele.roi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a receipt's revenue is shared among the contacts that preceded it within the window, ordered by send time:
 * all to the first or the last, evenly, or 40 % to the first, 40 % to the last and 20 % shared by those between (two
 * contacts: half each; one: all).
 */
public enum AttributionModel {
    FIRST_TOUCH,
    LAST_TOUCH,
    EVEN,
    POSITION_BASED;

    private static final BigDecimal FORTY_PERCENT = new BigDecimal("0.4");
    private static final BigDecimal TWENTY_PERCENT = new BigDecimal("0.2");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    /** Shares are summed at this scale before a step's total is rounded to the cent. */
    private static final int SCALE = 10;

    /**
     * The share of {@code amount} a contact gets at its {@code place} ({@link ReceiptCredit#ALONE}, {@code FIRST},
     * {@code LAST} or {@code BETWEEN}) among the {@code n} contacts before the receipt.
     */
    BigDecimal share(BigDecimal amount, int place, int n) {
        boolean first = place == ReceiptCredit.ALONE || place == ReceiptCredit.FIRST;
        boolean last = place == ReceiptCredit.ALONE || place == ReceiptCredit.LAST;
        return switch (this) {
            case FIRST_TOUCH -> first ? amount : BigDecimal.ZERO;
            case LAST_TOUCH -> last ? amount : BigDecimal.ZERO;
            case EVEN -> amount.divide(BigDecimal.valueOf(n), SCALE, RoundingMode.HALF_EVEN);
            case POSITION_BASED ->
                n == 1
                        ? amount
                        : n == 2
                                ? amount.multiply(HALF)
                                : first || last
                                        ? amount.multiply(FORTY_PERCENT)
                                        : amount.multiply(TWENTY_PERCENT)
                                                .divide(BigDecimal.valueOf(n - 2), SCALE, RoundingMode.HALF_EVEN);
        };
    }
}
