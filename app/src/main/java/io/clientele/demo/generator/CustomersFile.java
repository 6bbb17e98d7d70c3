package io.clientele.demo.generator;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** customers.csv, one row per card holder in customer-number order. */
final class CustomersFile implements Closeable {
    private static final String NAME = "customers.csv";

    private final CsvWriter csv;
    private final DataWindow window;

    CustomersFile(Path outDir, DataWindow window) throws IOException {
        this.window = window;
        csv = new CsvWriter(
                outDir.resolve(NAME),
                "external_id",
                "card_number",
                "first_name",
                "last_name",
                "gender",
                "birth_date",
                "email",
                "phone",
                "address_line",
                "postal_code",
                "city",
                "region_code",
                "income_band",
                "occupation",
                "education",
                "home_store_code",
                "created_at",
                "consent_email",
                "consent_sms",
                "consent_mail",
                "consent_phone");
    }

    void write(Customer customer) throws IOException {
        csv.text(customer.externalId())
                .text(customer.cardNumber())
                .text(customer.firstName())
                .text(customer.lastName())
                .text(String.valueOf(customer.gender()))
                .text(customer.birthDate().toString())
                .text(customer.email())
                .text(customer.phone())
                .text(customer.addressLine())
                .text(customer.postalCode())
                .text(customer.city())
                .text(customer.homeStore().region().code())
                .text(customer.incomeBand().name())
                .text(customer.occupation())
                .text(customer.education().name())
                .text(customer.homeStore().code())
                .timestamp(
                        window.dateText(DataWindow.day(customer.joinTime())),
                        DataWindow.secondOfDay(customer.joinTime()))
                .bool(customer.consentEmail())
                .bool(customer.consentSms())
                .bool(customer.consentMail())
                .bool(customer.consentPhone())
                .endRow();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
