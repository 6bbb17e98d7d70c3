package io.clientele.demo.generator;

/** Highest education, from the lowest; {@code share} is its share among card holders aged 26 and over. */
enum Education {
    PRIMARY(0.05),
    SECONDARY(0.30),
    VOCATIONAL(0.20),
    BACHELOR(0.30),
    MASTER(0.12),
    DOCTORATE(0.03);

    final double share;

    Education(double share) {
        this.share = share;
    }
}
