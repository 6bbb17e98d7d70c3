package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerInputTest {
    private static CustomerInput input(String email, String phone, String city, Map<String, Object> attributes) {
        return new CustomerInput(
                null,
                null,
                "Mei",
                "Chen",
                null,
                null,
                email,
                phone,
                null,
                null,
                city,
                null,
                null,
                null,
                null,
                null,
                null,
                attributes);
    }

    @Test
    void normalisingTrimsBlanksAwayAndUpperCasesCodes() {
        CustomerInput in = new CustomerInput(
                        " C1 ", "", " Mei ", null, "f", " ", "a@b.cn", null, null, null, null, "east", "middle", null,
                        "master", "s001", null, null)
                .normalised();
        assertThat(in.externalId()).isEqualTo("C1");
        assertThat(in.cardNumber()).isNull();
        assertThat(in.firstName()).isEqualTo("Mei");
        assertThat(in.birthDate()).isNull();
        assertThat(in)
                .extracting(CustomerInput::gender, CustomerInput::regionCode, CustomerInput::homeStoreCode)
                .containsExactly("F", "EAST", "S001");
        assertThat(in.customAttributes()).isEmpty();
    }

    @Test
    void aMergeFillsOnlyTheSurvivorsEmptyFieldsAndAttributes() {
        CustomerInput survivor = input("mei@example.com", null, null, Map.of("size", 38));
        CustomerInput merged = input("old@example.com", "+86 138", "Hangzhou", Map.of("size", 40, "vip", true));
        CustomerInput filled = survivor.filledFrom(merged);
        assertThat(filled.email()).isEqualTo("mei@example.com");
        assertThat(filled.phone()).isEqualTo("+86 138");
        assertThat(filled.city()).isEqualTo("Hangzhou");
        assertThat(filled.customAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("size", 38, "vip", true));
    }

    @Test
    void changesListEachFieldWithItsOldAndNewValue() {
        CustomerInput before = input("mei@example.com", null, "Hangzhou", Map.of("size", 38, "old", "x"));
        CustomerInput after = input("mei@example.com", "+86 138", null, Map.of("size", 39.0, "vip", true))
                .normalised();
        assertThat(CustomerEditor.changes(before, after))
                .containsExactly(
                        new CustomerEditor.Change("phone", null, "+86 138"),
                        new CustomerEditor.Change("city", "Hangzhou", null),
                        new CustomerEditor.Change("customAttributes.old", "x", null),
                        new CustomerEditor.Change("customAttributes.size", new BigDecimal("38"), new BigDecimal("39")),
                        new CustomerEditor.Change("customAttributes.vip", null, true));
        assertThat(CustomerEditor.changes(after, after)).isEmpty();
    }
}
