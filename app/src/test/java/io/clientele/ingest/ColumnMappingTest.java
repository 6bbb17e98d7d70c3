package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    @Test
    void theGeneratedHeadersMapThemselves() {
        List<String> header =
                ImportKind.SALES.fields().stream().map(ImportField::name).toList();
        ColumnMapping mapping = ColumnMapping.automatic(ImportKind.SALES, header);
        assertThat(mapping.columns()).hasSize(header.size());
        assertThat(mapping.problems(ImportKind.SALES, header)).isEmpty();
    }

    @Test
    void aliasesMatchWhateverTheCaseSpacesOrDashes() {
        List<String> header = List.of("Customer No", "E-Mail", "Last Name", "ZIP", "Date of Birth");
        ColumnMapping mapping = ColumnMapping.automatic(ImportKind.CUSTOMERS, header);
        assertThat(mapping.columns())
                .containsEntry("external_id", "Customer No")
                .containsEntry("email", "E-Mail")
                .containsEntry("last_name", "Last Name")
                .containsEntry("postal_code", "ZIP")
                .containsEntry("birth_date", "Date of Birth");
    }

    @Test
    void problemsNameTheFieldAndTheMissingColumn() {
        List<String> header = List.of("receipt", "shop", "when", "article", "qty");
        ColumnMapping mapping = ColumnMapping.automatic(ImportKind.SALES, header)
                .with(Map.of("store_code", "shop", "sold_at", "when", "unit_price", "Price"));
        assertThat(mapping.problems(ImportKind.SALES, header))
                .containsExactly("unit_price: the file has no column 'Price'");
        assertThat(ColumnMapping.automatic(ImportKind.SALES, header).problems(ImportKind.SALES, header))
                .singleElement()
                .asString()
                .startsWith("unit_price: required, but no column is mapped to it");
        assertThat(ColumnMapping.automatic(ImportKind.RECEIPTS, header).problems(ImportKind.RECEIPTS, header))
                .as("a receipts file needs the store and the time that a lines file may leave to it")
                .anySatisfy(p -> assertThat(p).startsWith("store_code: required"))
                .anySatisfy(p -> assertThat(p).startsWith("sold_at: required"));
    }

    @Test
    void anUnknownFieldIsAProblem() {
        ColumnMapping mapping = new ColumnMapping(Map.of("password", "sku"));
        assertThat(mapping.problems(ImportKind.PRODUCTS, List.of("sku")))
                .contains("password: not a field of products imports");
    }
}
