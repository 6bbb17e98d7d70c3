package io.clientele.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a condition can ask about one customer, in memory: what {@link SegmentEvaluator} reads. Scores are
 * those of the latest completed scoring run; purchases are the customer's receipts (cancelled ones left out).
 */
public record CustomerFacts(
        long id,
        @Nullable String gender,
        @Nullable LocalDate birthDate,
        @Nullable String incomeBand,
        @Nullable String education,
        @Nullable String occupation,
        @Nullable String region,
        @Nullable String city,
        @Nullable String postalCode,
        @Nullable String homeStore,
        @Nullable String email,
        @Nullable String phone,
        LocalDate customerSince,
        @Nullable LocalDate lastPurchase,
        Set<String> tags,
        Set<String> consents,
        Map<String, Object> attributes,
        Scores scores,
        List<Purchase> purchases,
        Map<String, List<Related>> related) {

    /** The latest run's scores; all null for a customer the run did not score or a customer who never bought. */
    public record Scores(
            @Nullable String grade,
            @Nullable String rfmSegment,
            @Nullable Integer r,
            @Nullable Integer f,
            @Nullable Integer m,
            @Nullable Integer loyalty,
            @Nullable Boolean churned,
            @Nullable BigDecimal satisfaction,
            @Nullable String satisfactionLevel,
            @Nullable String matrixClass,
            @Nullable BigDecimal probabilityAlive,
            @Nullable BigDecimal lifetimeValue) {
        public static final Scores NONE =
                new Scores(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A row of a {@link SegmentField.Source.Related} field: its value and the day of its time. */
    public record Related(String value, LocalDate day) {}

    /** A receipt: its day, whether it is a return, its net amount and what its lines sold. */
    public record Purchase(
            LocalDate day,
            boolean isReturn,
            BigDecimal amount,
            Set<String> skus,
            Set<String> brands,
            Set<String> categories) {}
}
