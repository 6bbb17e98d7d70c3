package io.clientele.merchandising;

import io.clientele.campaign.material.MergeFieldRegistry;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.Operator;
import io.clientele.segment.SegmentField;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The customer's next best product ({@link NextBestProducts}) where others use it, registered at start-up so that
 * neither segments nor campaigns depend on merchandising:
 *
 * <ul>
 *   <li>the segment field {@code next_best_product}: its SKU, none for a customer without one; picked from the
 *       products like {@code bought_product}; stored by the segment summary in its column of the same name (migration
 *       V70), whose triggers mark the customers whose product changed;
 *   <li>the material placeholder {@code {{next_best_product}}}: its name, as the customer reads it (the fallback
 *       shows for a customer without one).
 * </ul>
 */
@Component
class NextBestProductFields {
    static final String KEY = "next_best_product";

    NextBestProductFields(FieldRegistry fields, MergeFieldRegistry placeholders) {
        placeholders.add(KEY, """
                select p.name from next_best_product n join product p on p.id = n.product_id
                where n.customer_id = c.id""");
        fields.add(new SegmentField(
                KEY,
                SegmentField.Category.BEHAVIOUR,
                SegmentField.ValueType.TEXT,
                List.of(Operator.EQ, Operator.NEQ, Operator.IN, Operator.NOT_IN, Operator.IS_SET, Operator.IS_NOT_SET),
                false,
                "products",
                List.of(),
                null,
                new SegmentField.Source.Scalar(
                        SegmentField.Column.coded(KEY, SegmentField.ColumnType.TEXT, """
                                (select p.sku from next_best_product n join product p on p.id = n.product_id
                                 where n.customer_id = c.id)"""),
                        SegmentField.Derivation.SAME)));
    }
}
