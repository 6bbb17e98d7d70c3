package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataSubjectTest {
    private static boolean quoted(DataSubject person, String text) {
        return person.tokenPatterns().stream()
                .anyMatch(p -> Pattern.compile(p).matcher(text).find());
    }

    @Test
    void anIdentifierIsFoundAsAWholeTokenOnly() {
        var person = new DataSubject(1, "C1", null, "a.b+c@x.example", "4930123456");
        assertThat(quoted(person, "c1,tan,,")).isTrue();
        assertThat(quoted(person, "{\"externalid\": \"c1\"}")).isTrue();
        assertThat(quoted(person, "c10,tan,,")).isFalse();
        assertThat(quoted(person, "xc1,tan")).isFalse();
        assertThat(quoted(person, "x,a.b+c@x.example,")).isTrue();
        assertThat(quoted(person, "x,aXb+c@x.example,"))
                .as("a dot is a dot, not any character")
                .isFalse();
        assertThat(quoted(person, "phone 4930123456")).isTrue();
        assertThat(quoted(person, "phone 49301234567")).isFalse();
    }

    @Test
    void blanksAndMissingValuesAreNoIdentifiers() {
        assertThat(new DataSubject(1, " ", null, null, null).tokenPatterns()).isEmpty();
    }
}
