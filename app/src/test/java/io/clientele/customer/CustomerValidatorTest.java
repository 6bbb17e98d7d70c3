package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerValidatorTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static CustomerInput valid() {
        return new CustomerInput(
                "C-1",
                "880001",
                "Mei",
                "Chen",
                "F",
                "1990-05-01",
                "mei@example.com",
                "+86 (138) 0000-0042",
                "1 Main St",
                "310000",
                "Hangzhou",
                "EAST",
                "MIDDLE",
                "Teacher",
                "MASTER",
                "S001",
                "manager",
                Map.of("shoe_size", 38, "vip", true, "note", "likes tea"));
    }

    private static List<String> problemsOf(UnaryOperator<Map<String, @Nullable Object>> change) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(valid().fields());
        fields.keySet().removeIf(k -> k.startsWith("customAttributes."));
        change.apply(fields);
        CustomerInput input = new CustomerInput(
                (String) fields.get("externalId"),
                (String) fields.get("cardNumber"),
                (String) fields.get("firstName"),
                (String) fields.get("lastName"),
                (String) fields.get("gender"),
                (String) fields.get("birthDate"),
                (String) fields.get("email"),
                (String) fields.get("phone"),
                (String) fields.get("addressLine"),
                (String) fields.get("postalCode"),
                (String) fields.get("city"),
                (String) fields.get("regionCode"),
                (String) fields.get("incomeBand"),
                (String) fields.get("occupation"),
                (String) fields.get("education"),
                (String) fields.get("homeStoreCode"),
                (String) fields.get("owner"),
                null);
        return CustomerValidator.check(input.normalised(), TODAY).stream()
                .map(p -> p.field() + " " + p.code())
                .toList();
    }

    @Test
    void aCompleteProfileIsValid() {
        assertThat(CustomerValidator.check(valid().normalised(), TODAY)).isEmpty();
    }

    @ParameterizedTest(name = "{0} = ''{1}'' → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            email      | mei@example            | validation.email
            email      | mei chen@example.com   | validation.email
            email      | @example.com           | validation.email
            phone      | 12345                  | validation.phone
            phone      | +1 555 CALL NOW        | validation.phone
            phone      | 123456789012345678901  | validation.phone
            birthDate  | 2026-11-24             | validation.future
            birthDate  | 1906-11-22             | validation.age
            birthDate  | 23.11.1990             | validation.date
            gender     | Q                      | validation.oneOf
            incomeBand | RICH                   | validation.oneOf
            education  | KINDERGARTEN           | validation.oneOf
            externalId | C 1                    | validation.identifier
            cardNumber | 88/0001                | validation.identifier
            """)
    void aWrongValueIsAProblemOfItsField(String field, String value, String code) {
        assertThat(problemsOf(f -> {
                    f.put(field, value);
                    return f;
                }))
                .containsExactly(field + " " + code);
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            email     | MEI.Chen+news@Example.co.uk
            email     | 李@例子.中国
            phone     | 010-1234
            phone     | (0571) 8888 6666
            birthDate | 2026-11-23
            birthDate | 1906-11-23
            gender    | x
            """)
    void borderlineValuesAreAccepted(String field, String value) {
        assertThat(problemsOf(f -> {
                    f.put(field, value);
                    return f;
                }))
                .isEmpty();
    }

    @Test
    void someNameOrContactIsNeeded() {
        assertThat(problemsOf(f -> {
                    for (String field :
                            List.of("firstName", "lastName", "email", "phone", "externalId", "cardNumber")) {
                        f.put(field, "  ");
                    }
                    return f;
                }))
                .containsExactly("lastName validation.nameOrContact");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problemsOf(f -> {
                    f.put("email", "no");
                    f.put("phone", "no");
                    f.put("gender", "no");
                    return f;
                }))
                .containsExactly("gender validation.oneOf", "email validation.email", "phone validation.phone");
    }

    @Test
    void customAttributeKeysAndValuesFollowTheRules() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("shoe_size", 38);
        attributes.put("Shoe_Size", 38);
        attributes.put("1st", "x");
        attributes.put("with-dash", "x");
        attributes.put("a".repeat(41), "x");
        attributes.put("nested", Map.of("a", 1));
        attributes.put("list", List.of(1));
        attributes.put("long_text", "x".repeat(501));
        assertThat(CustomAttributes.check(CustomAttributes.canonical(attributes)).stream()
                        .map(p -> p.field() + " " + p.code()))
                .containsExactlyInAnyOrder(
                        "customAttributes.Shoe_Size validation.attributeKey",
                        "customAttributes.1st validation.attributeKey",
                        "customAttributes.with-dash validation.attributeKey",
                        "customAttributes." + "a".repeat(41) + " validation.attributeKey",
                        "customAttributes.nested validation.attributeValue",
                        "customAttributes.list validation.attributeValue",
                        "customAttributes.long_text validation.length");
    }

    @Test
    void atMostFiftyAttributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            attributes.put("a" + i, i);
        }
        assertThat(CustomAttributes.check(CustomAttributes.canonical(attributes)))
                .extracting(FieldProblem::code)
                .containsExactly("validation.attributeCount");
    }

    @Test
    void numbersAreCanonicalSoThatTheSameValueComparesEqual() {
        assertThat(CustomAttributes.canonical(Map.of("a", 42, "b", 42.50, "c", new BigDecimal("1E+2"))))
                .containsEntry("a", new BigDecimal("42"))
                .containsEntry("b", new BigDecimal("42.5"))
                .containsEntry("c", new BigDecimal("100"));
        assertThat(CustomAttributes.canonical(Map.of("a", 42.0)))
                .isEqualTo(CustomAttributes.canonical(Map.of("a", 42)));
    }

    @ParameterizedTest(name = "''{0}'' → ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            VIP              | vip
            '  Gold   Member ' | gold member
            Ölkunde:2026     | ölkunde:2026
            老客户             | 老客户
            """)
    void tagsAreNormalised(String text, String tag) {
        assertThat(CustomerTags.normalise(text)).isEqualTo(tag);
    }

    @ParameterizedTest
    @CsvSource({"''", "'   '", "a/b", "50%", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void badTagsAreRefusedNamingTheField(String text) {
        assertThatThrownBy(() -> CustomerTags.normalise(text))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("tag"));
    }
}
