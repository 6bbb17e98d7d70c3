package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every language has every key, and every key a page uses exists. */
class MessageBundlesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(RESOURCES.resolve(name));
                Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static Stream<String> translations() throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("messages_") && n.endsWith(".properties"))
                    .toList()
                    .stream();
        }
    }

    @Test
    void thereIsAtLeastTheChineseTranslation() throws IOException {
        assertThat(translations()).contains("messages_zh_CN.properties");
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages_zh_CN.properties"})
    void translationHasExactlyTheKeysOfEnglish(String translation) throws IOException {
        Set<String> english = new TreeSet<>(bundle("messages.properties").stringPropertyNames());
        Set<String> translated = new TreeSet<>(bundle(translation).stringPropertyNames());
        assertThat(translated).as("keys of %s", translation).containsExactlyInAnyOrderElementsOf(english);
        bundle(translation)
                .forEach((key, value) -> assertThat(value.toString())
                        .as("%s in %s", key, translation)
                        .isNotBlank());
    }

    @Test
    void everyLiteralKeyUsedByATemplateExists() throws IOException {
        Set<String> english = bundle("messages.properties").stringPropertyNames();
        Pattern literalKey = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher matcher = literalKey.matcher(Files.readString(template));
                while (matcher.find()) {
                    if (!english.contains(matcher.group(1))) {
                        missing.add(matcher.group(1) + " in " + template.getFileName());
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
