package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.OwnsTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every table the migrations create has exactly one owning feature ({@link OwnsTables} on the feature's package). */
class TableOwnershipTest {
    private static final Path JAVA = Path.of("src/main/java/io/clientele");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path MIGRATIONS = RESOURCES.resolve("db/migration");

    @Test
    void everyTableOfTheMigrationsHasExactlyOneOwner() throws IOException {
        Map<String, List<String>> owners = ownersByTable();
        Set<String> tables = migrationTables();
        List<String> problems = new ArrayList<>();
        for (String table : tables) {
            List<String> owning = owners.getOrDefault(table, List.of());
            if (owning.size() != 1) {
                problems.add(table + " is owned by " + (owning.isEmpty() ? "no feature" : owning));
            }
        }
        owners.keySet().stream()
                .filter(table -> !tables.contains(table))
                .forEach(table -> problems.add(owners.get(table) + " owns " + table + ", which no migration creates"));
        assertThat(problems).as("@OwnsTables on the features' packages").isEmpty();
    }

    // --- owners -------------------------------------------------------------------------------------------------

    /** The features: the packages directly under io.clientele. */
    private static List<String> modules() throws IOException {
        try (Stream<Path> entries = Files.list(JAVA)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private static Map<String, List<String>> ownersByTable() throws IOException {
        Map<String, List<String>> owners = new TreeMap<>();
        for (String module : modules()) {
            OwnsTables owns = packageInfo(module).getAnnotation(OwnsTables.class);
            assertThat(owns)
                    .as("@OwnsTables on io.clientele.%s (empty when it owns none)", module)
                    .isNotNull();
            for (String table : owns.value()) {
                owners.computeIfAbsent(table, t -> new ArrayList<>()).add(module);
            }
        }
        return owners;
    }

    private static Class<?> packageInfo(String module) {
        try {
            return Class.forName("io.clientele." + module + ".package-info");
        } catch (ClassNotFoundException e) {
            throw new AssertionError("io.clientele." + module + " has no annotated package-info.java", e);
        }
    }

    // --- the tables the migrations create ------------------------------------------------------------------------

    private static final String NAME = "([a-z_][a-z0-9_]*)";
    private static final Pattern CREATED =
            Pattern.compile("\\bcreate\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME);
    private static final Pattern RENAMED = Pattern.compile(
            "\\balter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME + "\\s+rename\\s+to\\s+" + NAME);
    private static final Pattern DROPPED = Pattern.compile("\\bdrop\\s+table\\s+(?:if\\s+exists\\s+)?" + NAME);

    static Set<String> migrationTables() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            scripts = files.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(TableOwnershipTest::version, TableOwnershipTest::compareVersions))
                    .toList();
        }
        Set<String> tables = new TreeSet<>();
        for (Path script : scripts) {
            String sql = Files.readString(script).toLowerCase(Locale.ROOT).replaceAll("--[^\n]*", " ");
            // statements in order: a table renamed or dropped by a later statement is known by its last name
            Matcher m = Pattern.compile(CREATED.pattern() + "|" + RENAMED.pattern() + "|" + DROPPED.pattern())
                    .matcher(sql);
            while (m.find()) {
                if (m.group(1) != null) {
                    tables.add(m.group(1));
                } else if (m.group(2) != null) {
                    tables.remove(m.group(2));
                    tables.add(m.group(3));
                } else {
                    tables.remove(m.group(4));
                }
            }
        }
        return tables;
    }

    /** V13_1__x.sql → [13, 1] */
    private static int[] version(Path script) {
        String name = script.getFileName().toString();
        return Arrays.stream(name.substring(1, name.indexOf("__")).split("[._]"))
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    private static int compareVersions(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }
}
