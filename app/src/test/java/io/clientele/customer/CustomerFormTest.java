package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.FieldProblem;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edit form's attribute rows: typed values, problems named by row, removal by clearing. */
class CustomerFormTest {
    private static CustomerForm withRows(CustomerForm.AttributeRow... rows) {
        CustomerForm empty = CustomerForm.empty();
        return new CustomerForm(
                empty.externalId(),
                empty.cardNumber(),
                "Mei",
                empty.lastName(),
                empty.gender(),
                empty.birthDate(),
                empty.email(),
                empty.phone(),
                empty.addressLine(),
                empty.postalCode(),
                empty.city(),
                empty.regionCode(),
                empty.incomeBand(),
                empty.occupation(),
                empty.education(),
                empty.homeStoreCode(),
                empty.owner(),
                Arrays.asList(rows));
    }

    @Test
    void rowsBecomeTypedAttributesAndBlankRowsAreIgnored() {
        CustomerForm form = withRows(
                new CustomerForm.AttributeRow("shoe_size", "number", " 38.0 "),
                null,
                new CustomerForm.AttributeRow("", "text", "orphan value"),
                new CustomerForm.AttributeRow("vip", "boolean", "yes"),
                new CustomerForm.AttributeRow("removed", "text", " "),
                new CustomerForm.AttributeRow("note", "text", "likes tea"));
        assertThat(form.rowProblems()).isEmpty();
        assertThat(form.toInput().normalised().customAttributes())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("shoe_size", new BigDecimal("38"), "vip", true, "note", "likes tea"));
    }

    @Test
    void valuesOfTheWrongTypeAndRepeatedKeysAreProblemsOfTheirRow() {
        CustomerForm form = withRows(
                new CustomerForm.AttributeRow("size", "number", "large"),
                new CustomerForm.AttributeRow("vip", "boolean", "maybe"),
                new CustomerForm.AttributeRow("vip", "boolean", "true"));
        assertThat(form.rowProblems())
                .extracting(p -> p.field() + " " + p.code())
                .containsExactly(
                        "attributes[0].value validation.number",
                        "attributes[1].value validation.boolean",
                        "attributes[2].key validation.attributeTwice");
    }

    @Test
    void theEditorsAttributeProblemsAreMovedToTheRowThatHoldsTheAttribute() {
        CustomerForm form = withRows(
                new CustomerForm.AttributeRow("ok", "text", "x"),
                new CustomerForm.AttributeRow("Bad Key", "text", "x"));
        List<FieldProblem> moved = form.onRows(List.of(
                FieldProblem.of("customAttributes.Bad Key", "validation.attributeKey", "Bad Key"),
                FieldProblem.of("email", "validation.email")));
        assertThat(moved).extracting(FieldProblem::field).containsExactly("attributes[1].key", "email");
    }

    @Test
    void theFormOfAStoredCustomerShowsItsAttributesWithTheirTypes() {
        CustomerForm form = CustomerForm.of(CustomerValidatorTest.valid().normalised());
        assertThat(form.rows())
                .containsExactly(
                        new CustomerForm.AttributeRow("note", "text", "likes tea"),
                        new CustomerForm.AttributeRow("shoe_size", "number", "38"),
                        new CustomerForm.AttributeRow("vip", "boolean", "true"));
        assertThat(form.toInput().normalised())
                .isEqualTo(CustomerValidatorTest.valid().normalised());
    }
}
