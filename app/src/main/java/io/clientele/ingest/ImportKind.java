package io.clientele.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a file holds, and the fields Clientele reads from it (names as written by {@code ./clientele generate}). */
public enum ImportKind {
    CUSTOMERS(List.of(
            ImportField.required("external_id", "customer number, the key", "customer_id", "customer_no", "id"),
            ImportField.optional("card_number", "membership card", "card", "card_no", "member_card"),
            ImportField.optional("first_name", "", "firstname", "given_name"),
            ImportField.optional("last_name", "", "lastname", "surname", "family_name"),
            ImportField.optional("gender", "F, M or X", "sex"),
            ImportField.optional("birth_date", "yyyy-MM-dd", "birthday", "date_of_birth", "dob"),
            ImportField.optional("email", "", "e_mail", "email_address", "mail"),
            ImportField.optional("phone", "", "mobile", "telephone", "phone_number"),
            ImportField.optional("address_line", "", "address", "street"),
            ImportField.optional("postal_code", "", "zip", "postcode", "zip_code"),
            ImportField.optional("city", "", "town"),
            ImportField.optional("region_code", "an existing region code", "region"),
            ImportField.optional("income_band", "LOW, LOWER_MIDDLE, MIDDLE, UPPER_MIDDLE or HIGH", "income"),
            ImportField.optional("occupation", "", "job"),
            ImportField.optional(
                    "education", "PRIMARY, SECONDARY, VOCATIONAL, BACHELOR, MASTER or DOCTORATE", "education_level"),
            ImportField.optional("home_store_code", "an existing store code", "home_store", "store_code"),
            ImportField.optional("created_at", "when the customer joined", "joined_at", "registered_at"),
            ImportField.optional("consent_email", "true/false", "email_consent", "optin_email"),
            ImportField.optional("consent_sms", "true/false", "sms_consent", "optin_sms"),
            ImportField.optional("consent_mail", "true/false", "mail_consent", "optin_mail"),
            ImportField.optional("consent_phone", "true/false", "phone_consent", "optin_phone"))),
    PRODUCTS(List.of(
            ImportField.required("sku", "the key", "product_code", "article", "item_code"),
            ImportField.required("name", "", "product_name", "description"),
            ImportField.required("brand", "", "make"),
            ImportField.optional("model", ""),
            ImportField.required("category", "", "product_category", "group"),
            ImportField.required("price", "list price", "list_price", "retail_price"),
            ImportField.required("cost", "unit cost", "unit_cost", "purchase_price"))),
    STORES(List.of(
            ImportField.required("store_code", "the key", "code", "store", "store_id"),
            ImportField.required("name", "", "store_name"),
            ImportField.required("region_code", "", "region"),
            ImportField.optional("region_name", "name of a new region"),
            ImportField.required("city", "", "town"),
            ImportField.optional("opened_on", "yyyy-MM-dd", "opening_date"))),
    SALES(List.of(
            ImportField.required("receipt_id", "the key, with the source", "receipt", "receipt_no", "transaction_id"),
            ImportField.optional("kind", "SALE, RETURN or CANCELLED", "receipt_type", "type"),
            ImportField.optional("store_code", "an existing store code; or from a receipts file", "store", "store_id"),
            ImportField.optional("salesperson_code", "", "salesperson", "cashier", "staff_code"),
            ImportField.optional(
                    "sold_at",
                    "date and time of the receipt; or from a receipts file",
                    "timestamp",
                    "date",
                    "datetime"),
            ImportField.optional("card_number", "membership card; empty for anonymous sales", "card", "member_card"),
            ImportField.optional("line_no", "line number within the receipt", "line", "line_number"),
            ImportField.required("sku", "an existing product", "product_code", "article", "item_code"),
            ImportField.required("quantity", "negative for returned items", "qty"),
            ImportField.required("unit_price", "", "price"),
            ImportField.optional("discount", "discount amount of the line", "discount_amount"),
            ImportField.optional("coupon_code", "", "coupon"))),
    /** Receipt headers alone, for sales that come as two files: import these first, then the lines as SALES. */
    RECEIPTS(List.of(
            ImportField.required("receipt_id", "the key, with the source", "receipt", "receipt_no", "transaction_id"),
            ImportField.optional("kind", "SALE, RETURN or CANCELLED", "receipt_type", "type"),
            ImportField.required("store_code", "an existing store code", "store", "store_id"),
            ImportField.optional("salesperson_code", "", "salesperson", "cashier", "staff_code"),
            ImportField.required("sold_at", "date and time of the receipt", "timestamp", "date", "datetime"),
            ImportField.optional("card_number", "membership card; empty for anonymous sales", "card", "member_card"))),
    /**
     * Ratings of a survey, one row per aspect: what the customer perceived against what they expected. The customer
     * is named by external_id or card_number (at least one).
     */
    SURVEY_ANSWERS(List.of(
            ImportField.optional(
                    "external_id", "customer number; this or card_number", "customer_id", "customer_no", "customer"),
            ImportField.optional(
                    "card_number", "membership card; this or external_id", "card", "card_no", "member_card"),
            ImportField.required("survey", "the survey's name, e.g. post-purchase", "survey_name", "questionnaire"),
            ImportField.required("aspect", "what was rated, e.g. PRICE", "question", "dimension", "attribute"),
            ImportField.required("perceived", "1-5: how it was", "perceived_score", "rating", "score"),
            ImportField.required("expected", "1-5: what the customer expected", "expectation", "expected_score"),
            ImportField.required(
                    "answered_at", "date, or date and time", "answered_on", "submitted_at", "response_date", "date")));

    private final List<ImportField> fields;

    ImportKind(List<ImportField> fields) {
        this.fields = fields;
    }

    public List<ImportField> fields() {
        return fields;
    }

    /** The position of a field in {@link #fields()}. */
    int index(String name) {
        return fields.indexOf(field(name).orElseThrow(() -> new IllegalArgumentException("no field " + name)));
    }

    public Optional<ImportField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** {@code customers}, {@code sales}, {@code survey-answers}, … as typed on the command line. */
    public static ImportKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "kind: customers, products, stores, sales, receipts or survey-answers, not '" + text + "'");
        }
    }

    /** The name typed on the command line: {@code survey-answers}. */
    public String commandName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
