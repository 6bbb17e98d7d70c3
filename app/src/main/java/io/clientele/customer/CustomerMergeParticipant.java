package io.clientele.customer;

/**
 * A feature's records that belong to a customer and must follow it when it is merged into another. Every Spring
 * bean implementing this takes part in each merge, inside the merge's transaction: {@link #countRows} for the
 * preview, then {@link #moveRows} before the merged customer's row is deleted (its foreign keys would otherwise
 * delete or block). A participant that keeps one row per customer (a score, a loyalty account) decides here how two
 * rows become one.
 */
public interface CustomerMergeParticipant {
    /** A short, stable name: the key of the preview's counts and of the label {@code merge.participant.<name>}. */
    String name();

    /** How many of the customer's rows {@link #moveRows} would move. */
    int countRows(long fromId);

    /** Moves (or combines) the rows of customer {@code fromId} to customer {@code toId}. */
    void moveRows(long fromId, long toId);
}
