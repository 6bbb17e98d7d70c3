package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.demo.generator.DemoDataGenerator;
import io.clientele.demo.generator.DemoSpec;
import io.clientele.demo.generator.GenerationSummary;
import io.clientele.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./clientele import} as a separate process on the test database: killed with SIGKILL half-way, then run
 * again (while the test server's worker may take the abandoned import over too), the file ends up stored with
 * every line exactly once.
 */
class ImportCommandIntegrationTest extends ApplicationTestSupport {
    private static final Path JAR = Path.of("target/clientele-app-0.1.0-SNAPSHOT-exec.jar");

    @Autowired
    Database database;

    @TempDir
    Path temp;

    private Process start(Path sales, String source, Path output) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dclientele.import.chunk-rows=5000",
                        "-jar",
                        JAR.toString(),
                        "import",
                        "sales",
                        sales.toString(),
                        "--source",
                        source,
                        "--data-dir",
                        temp.resolve("unused").toString())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        temp.resolve("stderr.txt").toFile()));
        builder.environment().put("CLIENTELE_DB_URL", database.jdbcUrl());
        builder.environment().put("CLIENTELE_DB_USER", database.user());
        return builder.start();
    }

    private long linesOf(String source) {
        return jdbc.sql("select count(*) from sale_line l join sale s on s.id = l.sale_id where s.source = :s")
                .param("s", source)
                .query(Long.class)
                .single();
    }

    private boolean finished(Path file) {
        return jdbc.sql("select count(*) from import_job where file_path = :path and status = 'COMPLETED'")
                        .param("path", file.toAbsolutePath().toString())
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Test
    void aKilledImportResumesWithNothingLostAndNothingTwice() throws Exception {
        assertThat(JAR).as("the application jar (built by the package phase)").exists();
        Path dir = temp.resolve("csv");
        GenerationSummary generated = new DemoDataGenerator()
                .writeCsv(dir, new DemoSpec(15_000, 7L, LocalDate.of(2026, 6, 30)), (d, t) -> {});
        Path sales = dir.resolve("sales.csv");
        // cards the demo customers do not hold: the receipts stay anonymous instead of changing the histories that
        // other tests (scoring, lifetime value) read
        Files.writeString(sales, Files.readString(sales).replace(",8800", ",9900"));
        String source = "KILL-" + System.nanoTime();

        Process first = start(sales, source, temp.resolve("first.txt"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (linesOf(source) == 0 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long before = linesOf(source);
        assertThat(before)
                .as("killed after some chunks and before the end")
                .isPositive()
                .isLessThan(generated.saleLines());

        Process second = start(sales, source, temp.resolve("second.txt"));
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(temp.resolve("stderr.txt"));
        if (second.exitValue() == 3) {
            // the test server's worker took the abandoned import over first (the killed process's lock died with
            // it), and the command line says so instead of running it twice: wait for the worker to finish
            assertThat(stderr).contains("is being run by another process");
            while (System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(120) && !finished(sales)) {
                Thread.sleep(100);
            }
        } else {
            // it resumed the import (imported counts both runs), or the worker had already finished it and this
            // run found every receipt stored (unchanged)
            assertThat(second.exitValue()).as(stderr).isZero();
            List<String> out = Files.readAllLines(temp.resolve("second.txt"), StandardCharsets.UTF_8);
            JsonNode summary = JsonMapper.builder().build().readTree(out.get(out.size() - 1));
            assertThat(summary.get("read").asLong()).isEqualTo(generated.saleLines());
            assertThat(summary.get("imported").asLong()
                            + summary.get("unchanged").asLong())
                    .isEqualTo(generated.saleLines());
            assertThat(summary.get("rejected").asLong()).isZero();
        }
        assertThat(finished(sales)).isTrue();
        assertThat(linesOf(source)).isEqualTo(generated.saleLines());
        assertThat(jdbc.sql("select count(*) from sale where source = :s")
                        .param("s", source)
                        .query(Long.class)
                        .single())
                .isEqualTo(generated.receipts());
    }

    @Test
    void theSummaryIsTheLastLineOnStdoutAndRejectsGoToTheirFile() throws Exception {
        Path file = Files.writeString(
                temp.resolve("products.csv"),
                "sku,name,brand,category,price,cost\nCLI-1,Kettle,Acme,Kitchen,20.00,9.50\nCLI-2,Toaster,Acme,,25,12\n");
        Path rejects = temp.resolve("rejects.csv");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toString(),
                        "import",
                        "products",
                        file.toString(),
                        "--rejects",
                        rejects.toString(),
                        "--data-dir",
                        temp.resolve("unused").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CLIENTELE_DB_URL", database.jdbcUrl());
        builder.environment().put("CLIENTELE_DB_USER", database.user());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String[] lines = stdout.strip().split("\n");
        assertThat(lines[lines.length - 1])
                .matches("\\{\"read\":2,\"imported\":1,\"unchanged\":0,\"rejected\":1,\"job\":\\d+}");
        assertThat(Files.readAllLines(rejects))
                .containsExactly("line,field,reason,row", "3,category,required,\"CLI-2,Toaster,Acme,,25,12\"");
    }
}
