package io.clientele.customer;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A participant whose rows are those of one table with a {@code customer_id}: the preview counts them there;
 * subclasses say how they move.
 */
public abstract class TableMergeParticipant implements CustomerMergeParticipant {
    protected final JdbcClient jdbc;
    private final String name;
    private final String table;

    /** @param table a table name written in code, never input */
    protected TableMergeParticipant(JdbcClient jdbc, String name, String table) {
        this.jdbc = jdbc;
        this.name = name;
        this.table = table;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public int countRows(long fromId) {
        return jdbc.sql("select count(*) from " + table + " where customer_id = :id")
                .param("id", fromId)
                .query(Integer.class)
                .single();
    }
}
