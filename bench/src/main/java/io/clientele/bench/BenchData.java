package io.clientele.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What scenarios that build a fresh database of their own share: the folder reset, the generated customers and their
 * store.
 */
final class BenchData {
    private BenchData() {}

    /** {@code count} customers B1…Bn with an email address, in three cities (by id modulo 3). */
    static void customers(JdbcClient jdbc, int count) {
        jdbc.sql("""
                        insert into customer (external_id, card_number, first_name, last_name, email, city, source)
                        select 'B' || g, 'C' || lpad(g::text, 10, '0'),
                               (array['Anna', 'Ben', 'Chen', 'Dana', 'Eli', 'Fang', 'Gus'])[1 + g % 7],
                               'Tester' || g, 'customer' || g || '@bench.example',
                               (array['Eastwick', 'Middleton', 'Harrowgate'])[1 + g % 3], 'bench'
                        from generate_series(1, :count) g""").param("count", count).update();
    }

    /** The one store (code BENCH, in region BR) that generated receipts are rung up in. */
    static void store(JdbcClient jdbc) {
        jdbc.sql("insert into region (code, name) values ('BR', 'Bench region')")
                .update();
        jdbc.sql("""
                        insert into store (code, name, region_id, city)
                        select 'BENCH', 'Bench store', id, 'Eastwick' from region where code = 'BR'""").update();
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
