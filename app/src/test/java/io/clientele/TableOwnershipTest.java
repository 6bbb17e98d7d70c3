package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.OwnsTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every table the migrations create has exactly one owning feature ({@link OwnsTables} on the feature's package),
 * and the main sources write a table only from its owner. Writes are found in the SQL text of each file (string
 * literals and text blocks of Java, and {@code .sql} resources other than migrations): the targets of INSERT INTO,
 * UPDATE … SET, DELETE FROM, COPY … FROM, MERGE INTO, TRUNCATE and CREATE TABLE … AS. A temporary table created in
 * the same file is the file's own scratch space, not an owned table. A target named only at run time (a partition
 * named by its step or run, {@code insert into %s}) is not seen; its owner creates it in the same file.
 */
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

    @Test
    void featuresWriteOnlyTheirOwnTables() throws IOException {
        Map<String, String> owner = owners();
        List<String> violations = new ArrayList<>();
        for (Path file : mainSources()) {
            String text = Files.readString(file);
            String sql = file.toString().endsWith(".java") ? javaStrings(text) : text.replaceAll("--[^\n]*", " ");
            violations.addAll(violations(file.toString(), moduleOf(file), sql, owner));
        }
        assertThat(violations).isEmpty();
    }

    /** The negative case: a feature's file that writes another feature's table is reported. */
    @Test
    void aWriteToAnotherFeaturesTableIsReported() {
        String planted = """
                class PlantedLoader {
                    // update customer set city = 'commented out, so not a write'
                    void load(JdbcClient jdbc) {
                        jdbc.sql("update customer c " + "set city = 'Springfield' where c.id = :id").update();
                    }
                }""";
        assertThat(violations("demo/PlantedLoader.java", "demo", javaStrings(planted), owners()))
                .containsExactly("demo/PlantedLoader.java (demo) writes customer, a table of customer");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "insert into customer (city) values ('x')                           | customer",
                "update only customer as c set city = 'x'                           | customer",
                "with gone as (delete from customer where id = 1 returning id) select 1 | customer",
                "copy customer_tag (customer_id, tag) from stdin                    | customer_tag",
                "merge into customer c using (select 1) x on true when matched then delete | customer",
                "truncate table interaction, only customer_tag                     | customer_tag",
                "create unlogged table scratch as select * from customer            | scratch"
            })
    void everyKindOfWriteIsAttributed(String statement, String target) {
        assertThat(violations(
                        "demo/Planted.java", "demo", javaStrings("String SQL = \"" + statement + "\";"), owners()))
                .anySatisfy(violation -> assertThat(violation).contains(" writes " + target + ","));
    }

    @Test
    void temporaryTablesOfTheSameFileAreNotOwnedTables() {
        String staging = """
                String STAGING = \"""
                        create temp table stg_customer (external_id text, city text) on commit drop;
                        create temporary table if not exists stg_sale (receipt_id text) on commit delete rows;
                        create temp table picked on commit drop as select id from customer;
                        \""";
                String LOAD = "copy stg_customer (external_id, city) from stdin; copy stg_sale from stdin";
                String CLEAR = "delete from stg_customer; truncate stg_sale; insert into picked select 1";
                """;
        assertThat(violations("ingest/Staged.java", "ingest", javaStrings(staging), owners()))
                .isEmpty();
        assertThat(violations(
                        "ingest/Unstaged.java",
                        "ingest",
                        javaStrings("String S = \"insert into stg_x values (1)\";"),
                        owners()))
                .containsExactly("ingest/Unstaged.java (ingest) writes stg_x, which is neither a table of the"
                        + " migrations nor a temporary table created in this file");
    }

    @Test
    void readsLocksAndUpsertsOfOwnTablesAreNotReported() {
        String reads = """
                String READ = "select * from customer c join sale s on s.customer_id = c.id for update of c skip locked";
                String UPSERT = \"""
                        insert into segment (name) values (:name)
                        on conflict (name) do update set name = excluded.name
                        returning (select count(*) from customer)\""";
                char QUOTE = '"';
                """;
        assertThat(violations("segment/Reads.java", "segment", javaStrings(reads), owners()))
                .isEmpty();
    }

    /** What the checker cannot see: a target named only at run time. Its owner creates it in the same file. */
    @Test
    void aTargetNamedAtRunTimeIsNotSeen() {
        String dynamic = """
                String FILL = "insert into " + partition + " select * from customer";
                String COPY = "copy " + partition + " from stdin";
                String FORMATTED = "insert into %s (step_id) select 1".formatted(partition);
                """;
        assertThat(violations("campaign/Partitions.java", "campaign", javaStrings(dynamic), owners()))
                .isEmpty();
    }

    // --- owners -------------------------------------------------------------------------------------------------

    /** The features: the packages directly under io.clientele. */
    private static List<String> modules() {
        try (Stream<Path> entries = Files.list(JAVA)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> ownersByTable() {
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

    private static Map<String, String> owners() {
        Map<String, String> owner = new TreeMap<>();
        ownersByTable().forEach((table, modules) -> owner.put(table, modules.get(0)));
        return owner;
    }

    private static Class<?> packageInfo(String module) {
        try {
            return Class.forName("io.clientele." + module + ".package-info");
        } catch (ClassNotFoundException e) {
            throw new AssertionError("io.clientele." + module + " has no annotated package-info.java", e);
        }
    }

    // --- the tables the migrations create ------------------------------------------------------------------------

    /** A table's name; a keyword where a name should be means the name is added at run time ("insert into " + t). */
    private static final String NAME = "(?!(?:select|with|values|from|set|only|table|as)\\b)([a-z_][a-z0-9_]*)";

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

    // --- writes in the main sources ------------------------------------------------------------------------------

    private static final List<Pattern> WRITES = List.of(
            Pattern.compile("\\binsert\\s+into\\s+" + NAME),
            // an UPDATE names its table (and maybe an alias) before SET: "do update set" and "for update" do not
            Pattern.compile(
                    "\\bupdate\\s+(?:only\\s+)?" + NAME + "(?:\\s+(?:as\\s+)?(?!set\\b)[a-z_][a-z0-9_]*)?\\s+set\\b"),
            Pattern.compile("\\bdelete\\s+from\\s+(?:only\\s+)?" + NAME),
            Pattern.compile("\\bcopy\\s+" + NAME + "\\s*(?:\\([^)]*\\))?\\s*from\\b"),
            Pattern.compile("\\bmerge\\s+into\\s+(?:only\\s+)?" + NAME),
            // a list of tables, split below
            Pattern.compile(
                    "\\btruncate\\s+(?:table\\s+)?((?:only\\s+)?[a-z_][a-z0-9_]*(?:\\s*,\\s*(?:only\\s+)?[a-z_][a-z0-9_]*)*)"),
            Pattern.compile(
                    "\\bcreate\\s+(?:(?:local\\s+|global\\s+)?(?:temp|temporary)\\s+|unlogged\\s+)?table\\s+"
                            + "(?:if\\s+not\\s+exists\\s+)?" + NAME
                            + "\\s*(?:\\([^)]*\\))?\\s*(?:on\\s+commit\\s+(?:drop|delete\\s+rows|preserve\\s+rows)\\s+)?as\\b"));
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\bcreate\\s+(?:local\\s+|global\\s+)?(?:temp|temporary)\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME);

    /** What a file of {@code module} writes that it does not own. */
    static List<String> violations(String file, String module, String sql, Map<String, String> ownerByTable) {
        String text = sql.toLowerCase(Locale.ROOT);
        Set<String> temporary = new TreeSet<>();
        TEMPORARY.matcher(text).results().forEach(m -> temporary.add(m.group(1)));
        Set<String> written = new LinkedHashSet<>();
        for (Pattern write : WRITES) {
            write.matcher(text).results().forEach(m -> {
                for (String table : m.group(1).split("\\s*,\\s*")) {
                    written.add(table.replaceFirst("^only\\s+", ""));
                }
            });
        }
        List<String> violations = new ArrayList<>();
        for (String table : written) {
            String owner = ownerByTable.get(table);
            if (temporary.contains(table) || module.equals(owner)) {
                continue;
            }
            violations.add(
                    owner != null
                            ? "%s (%s) writes %s, a table of %s".formatted(file, module, table, owner)
                            : "%s (%s) writes %s, which is neither a table of the migrations nor a temporary table created in"
                                            .formatted(file, module, table)
                                    + " this file");
        }
        return violations;
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> java = Files.walk(JAVA);
                Stream<Path> resources = Files.walk(RESOURCES)) {
            java.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            resources
                    .filter(p -> p.toString().endsWith(".sql") && !p.startsWith(MIGRATIONS))
                    .forEach(files::add);
        }
        return files;
    }

    /** The feature of a file: its package under io.clientele, or the first folder of a resource named like one. */
    private static String moduleOf(Path file) {
        Path relative = file.startsWith(JAVA) ? JAVA.relativize(file) : RESOURCES.relativize(file);
        List<String> modules = modules();
        for (Path part : relative) {
            if (modules.contains(part.toString())) {
                return part.toString();
            }
        }
        return "(no feature)";
    }

    /**
     * The contents of a Java file's string literals and text blocks, in order and separated by spaces, so that a
     * statement split over concatenated literals reads as one; comments and character literals are skipped.
     */
    static String javaStrings(String java) {
        StringBuilder strings = new StringBuilder();
        int i = 0;
        while (i < java.length()) {
            if (java.startsWith("//", i)) {
                int end = java.indexOf('\n', i);
                i = end < 0 ? java.length() : end;
            } else if (java.startsWith("/*", i)) {
                i = java.indexOf("*/", i + 2) + 2;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (!java.startsWith("\"\"\"", end) || java.charAt(end - 1) == '\\') {
                    end++;
                }
                strings.append(unescape(java.substring(i + 3, end))).append(' ');
                i = end + 3;
            } else if (java.charAt(i) == '"' || java.charAt(i) == '\'') {
                char quote = java.charAt(i);
                int end = i + 1;
                while (java.charAt(end) != quote) {
                    end += java.charAt(end) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    strings.append(unescape(java.substring(i + 1, end))).append(' ');
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return strings.toString();
    }

    /** Escapes become spaces: {@code "\ninsert"} is a line break, then a statement. */
    private static String unescape(String literal) {
        return literal.replaceAll("\\\\.", " ");
    }
}
