package io.clientele.insight;

import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.ValueGrade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How customers moved between two scoring runs: for every customer scored in both, their matrix class (or grade) in
 * the first and in the second, counted per pair. {@link #NONE} stands for no class (no ratings, or no purchase) or no
 * grade (no purchase). Only runs that keep their rows can be compared.
 */
@Service
public class Transitions {
    public static final String NONE = "NONE";

    /** What customers are grouped by: the SQL column of each, never taken from a request. */
    public enum By {
        MATRIX("matrix_class"),
        GRADE("grade");

        private final String column;

        By(String column) {
            this.column = column;
        }

        /** The groups in the pages' order, {@link #NONE} last. */
        public List<String> keys() {
            List<String> keys = new ArrayList<>();
            Arrays.stream(this == MATRIX ? MatrixClass.values() : ValueGrade.values())
                    .forEach(value -> keys.add(value.name()));
            keys.add(NONE);
            return keys;
        }
    }

    /** The customers scored in both runs, counted by their group in each. */
    public record Table(ScoreRun from, ScoreRun to, By by, Map<String, Map<String, Long>> counts, long customers) {
        public long count(String fromKey, String toKey) {
            return counts.getOrDefault(fromKey, Map.of()).getOrDefault(toKey, 0L);
        }

        /** Who stayed in their group. */
        public long stayed() {
            return by.keys().stream().mapToLong(key -> count(key, key)).sum();
        }
    }

    private final JdbcClient jdbc;

    Transitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The completed runs that keep their rows, latest first. */
    public List<ScoreRun> comparable(ScoreRuns runs) {
        List<Long> ids = jdbc.sql("""
                        select r.id from score_run r where r.status = 'COMPLETED'
                          and exists (select 1 from customer_score s where s.run_id = r.id)
                        order by r.as_of desc, r.finished_at desc, r.id desc""").query(Long.class).list();
        return ids.stream().map(id -> runs.find(id).orElseThrow()).toList();
    }

    public Table between(ScoreRun from, ScoreRun to, By by) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        long[] customers = {0};
        jdbc.sql("select coalesce(a." + by.column + ", '" + NONE + "'), coalesce(b." + by.column + ", '" + NONE
                        + "'), count(*) from customer_score a join customer_score b on b.customer_id = a.customer_id"
                        + " and b.run_id = :to where a.run_id = :from group by 1, 2")
                .param("from", from.id())
                .param("to", to.id())
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                    customers[0] += rs.getLong(3);
                });
        return new Table(from, to, by, counts, customers[0]);
    }
}
