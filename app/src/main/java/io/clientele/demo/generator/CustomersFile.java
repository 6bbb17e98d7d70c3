package io.clientele.demo.generator;

import io.clientele.platform.csv.CsvWriter;
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
        csv = DemoDataGenerator.csvFile(
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
                .text(window.timestamp(customer.joinTime()))
                .text(String.valueOf(customer.consentEmail()))
                .text(String.valueOf(customer.consentSms()))
                .text(String.valueOf(customer.consentMail()))
                .text(String.valueOf(customer.consentPhone()))
                .endRow();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
