package io.clientele.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditQueryTest {
    @Test
    void blankFiltersAreNoFiltersAndPagingHasDefaults() {
        AuditQuery query = AuditQuery.of(" ", "", null, null, null, "", null, " ");
        assertThat(query).isEqualTo(new AuditQuery(null, null, null, null, null, null, 0, 50));
    }

    @Test
    void filtersAreStrippedAndDatesParsed() {
        AuditQuery query = AuditQuery.of(" ann ", "user", "ann", "login", "2026-12-01", "2026-12-07", "2", "200");
        assertThat(query)
                .isEqualTo(new AuditQuery(
                        "ann", "user", "ann", "login", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 7), 2, 200));
    }

    @ParameterizedTest(name = "{0}={1} is refused as {2}")
    @CsvSource({
        "size, 0, validation.between",
        "size, 201, validation.between",
        "size, ten, validation.between",
        "page, -1, validation.notNegative",
        "from, 07/12/2026, validation.date",
        "user, 'a\u0000b', validation.text",
        "action, '\uD800', validation.text"
    })
    void badValuesNameTheirField(String field, String value, String code) {
        assertThatThrownBy(() -> query(field, value))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field, FieldProblem::code)
                                .containsExactly(tuple(field, code)));
    }

    @Test
    void aPeriodEndingBeforeItStartsIsRefusedOnItsEnd() {
        assertThatThrownBy(() -> AuditQuery.of(null, null, null, null, "2026-12-07", "2026-12-01", null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("to"));
    }

    @Test
    void anEmojiIsNotALoneSurrogate() {
        assertThat(AuditQuery.of("😀", null, null, null, null, null, null, null).user())
                .isEqualTo("😀");
    }

    private static AuditQuery query(String field, String value) {
        return AuditQuery.of(
                field.equals("user") ? value : null,
                null,
                null,
                field.equals("action") ? value : null,
                field.equals("from") ? value : null,
                null,
                field.equals("page") ? value : null,
                field.equals("size") ? value : null);
    }
}
