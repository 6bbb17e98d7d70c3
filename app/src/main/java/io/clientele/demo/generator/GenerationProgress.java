package io.clientele.demo.generator;

/** Told how many card holders (with all their receipts) have been written: every 10,000 and once at the end. */
@FunctionalInterface
public interface GenerationProgress {
    void customersDone(long done, long total);
}
