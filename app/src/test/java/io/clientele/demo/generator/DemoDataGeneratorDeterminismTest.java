package io.clientele.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataGeneratorDeterminismTest {
    private static final List<String> FILES = List.of(
            "stores.csv",
            "salespeople.csv",
            "products.csv",
            "customers.csv",
            "sales.csv",
            "survey_answers.csv",
            "complaints.csv");
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);

    @TempDir
    Path dir;

    private Path generate(String name, DemoSpec spec) throws Exception {
        Path out = dir.resolve(name);
        new DemoDataGenerator().writeCsv(out, spec, (done, total) -> {});
        return out;
    }

    @Test
    void theSameSpecGivesByteIdenticalFiles() throws Exception {
        Path first = generate("first", new DemoSpec(3_000, 7, AS_OF));
        Path second = generate("second", new DemoSpec(3_000, 7, AS_OF));
        for (String file : FILES) {
            assertThat(Files.mismatch(first.resolve(file), second.resolve(file)))
                    .as(file)
                    .isEqualTo(-1);
        }
    }

    @Test
    void anotherSeedGivesOtherCustomersAndSalesOverTheSameCatalog() throws Exception {
        Path seven = generate("seven", new DemoSpec(3_000, 7, AS_OF));
        Path eight = generate("eight", new DemoSpec(3_000, 8, AS_OF));
        for (String file : List.of("stores.csv", "salespeople.csv", "products.csv")) {
            assertThat(Files.mismatch(seven.resolve(file), eight.resolve(file)))
                    .as(file)
                    .isEqualTo(-1);
        }
        for (String file : List.of("customers.csv", "sales.csv", "survey_answers.csv", "complaints.csv")) {
            assertThat(Files.mismatch(seven.resolve(file), eight.resolve(file)))
                    .as(file)
                    .isNotEqualTo(-1);
        }
    }

    @Test
    void moreCustomersKeepTheFirstCustomersAsTheyWere() throws Exception {
        Path small = generate("small", new DemoSpec(1_000, 7, AS_OF));
        Path large = generate("large", new DemoSpec(2_000, 7, AS_OF));
        for (String file : List.of("customers.csv", "survey_answers.csv", "complaints.csv")) {
            List<String> smallRows = Files.readAllLines(small.resolve(file));
            assertThat(Files.readAllLines(large.resolve(file)).subList(0, smallRows.size()))
                    .as(file)
                    .isEqualTo(smallRows);
        }
    }

    @Test
    void reportsProgressEveryTenThousandCustomersAndAtTheEnd() throws Exception {
        List<String> calls = new ArrayList<>();
        new DemoDataGenerator()
                .writeCsv(
                        dir.resolve("progress"),
                        new DemoSpec(25_000, 1, AS_OF),
                        (done, total) -> calls.add(done + "/" + total));
        assertThat(calls).containsExactly("10000/25000", "20000/25000", "25000/25000");
    }

    @Test
    void rejectsAnInvalidSpec() {
        assertThatThrownBy(() -> new DemoSpec(0, 1, AS_OF)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoSpec(100_000_000, 1, AS_OF)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoSpec(1, 1, null)).isInstanceOf(NullPointerException.class);
    }
}
