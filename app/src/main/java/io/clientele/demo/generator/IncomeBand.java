package io.clientele.demo.generator;

/** Income bands with the factor they apply to a card holder's spend target (planted: HIGH spends 1.8x MIDDLE). */
enum IncomeBand {
    LOW(0.6),
    LOWER_MIDDLE(0.8),
    MIDDLE(1.0),
    UPPER_MIDDLE(1.3),
    HIGH(2.0);

    final double spendFactor;

    IncomeBand(double spendFactor) {
        this.spendFactor = spendFactor;
    }
}
