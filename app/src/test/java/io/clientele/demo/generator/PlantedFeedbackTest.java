package io.clientele.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planted survey and complaint truths of demo-data.md, recovered from the files of 20,000 card holders. */
class PlantedFeedbackTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);
    private static final Instant END =
            AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final int CUSTOMERS = 20_000;

    @TempDir
    static Path dir;

    static DemoData data;
    /** Sale receipts (not returns) of each card holder, by external id. */
    static Map<String, List<DemoData.Receipt>> salesByCustomer;

    static Map<String, List<List<String>>> answersByCustomer;

    @BeforeAll
    static void generate() throws Exception {
        new DemoDataGenerator().writeCsv(dir, new DemoSpec(CUSTOMERS, 2024, AS_OF), (done, total) -> {});
        data = DemoData.read(dir);
        Map<String, String> externalIdByCard =
                data.customers.rows().stream().collect(Collectors.toMap(row -> row.get(1), row -> row.get(0)));
        salesByCustomer = data.sales().stream()
                .filter(receipt -> !receipt.isAnonymous())
                .collect(Collectors.groupingBy(receipt -> externalIdByCard.get(receipt.card())));
        answersByCustomer = data.surveyAnswers.rows().stream().collect(Collectors.groupingBy(row -> row.get(0)));
    }

    private static Feedback.Mood mood(String externalId) {
        return Feedback.Mood.of(Long.parseLong(externalId.substring(1)));
    }

    private static int gap(List<String> answer) {
        return Integer.parseInt(answer.get(3)) - Integer.parseInt(answer.get(4));
    }

    /** Whether one of the customer's sales lies {@code min} to {@code max} days before {@code instant}. */
    private static boolean afterASale(String externalId, Instant instant, long min, long max) {
        return salesByCustomer.get(externalId).stream()
                .anyMatch(sale -> !sale.soldAt().plus(Duration.ofDays(min)).isAfter(instant)
                        && !sale.soldAt().plus(Duration.ofDays(max)).isBefore(instant));
    }

    @Test
    void aboutThirtyPercentOfBuyersAnsweredFourAspectsAFewDaysAfterAPurchase() {
        assertThat(salesByCustomer.keySet()).containsAll(answersByCustomer.keySet());
        assertThat(answersByCustomer.size() / (double) salesByCustomer.size()).isCloseTo(0.30, within(0.02));
        answersByCustomer.forEach((externalId, answers) -> {
            assertThat(answers)
                    .extracting(row -> row.get(1) + "/" + row.get(2))
                    .containsExactly(
                            "post-purchase/PRODUCT_QUALITY",
                            "post-purchase/PRICE",
                            "post-purchase/SERVICE",
                            "post-purchase/DELIVERY");
            assertThat(answers)
                    .extracting(row -> row.get(5))
                    .containsOnly(answers.get(0).get(5));
            Instant answeredAt = Instant.parse(answers.get(0).get(5));
            assertThat(answeredAt).isBefore(END);
            assertThat(afterASale(externalId, answeredAt, 1, 7))
                    .as("%s answered 1-7 days after a purchase", externalId)
                    .isTrue();
        });
    }

    @Test
    void theDisappointedPerceiveLessTheDelightedMoreAndTheOthersAboutWhatTheyExpected() {
        Map<Feedback.Mood, List<List<String>>> byMood =
                data.surveyAnswers.rows().stream().collect(Collectors.groupingBy(row -> mood(row.get(0))));
        assertThat(data.surveyAnswers.rows()).allSatisfy(row -> {
            assertThat(Integer.parseInt(row.get(3))).isBetween(1, 5);
            assertThat(Integer.parseInt(row.get(4))).isBetween(3, 5);
        });
        assertThat(byMood.get(Feedback.Mood.DISAPPOINTED))
                .extracting(PlantedFeedbackTest::gap)
                .containsOnly(-1, -2);
        assertThat(byMood.get(Feedback.Mood.DELIGHTED))
                .extracting(PlantedFeedbackTest::gap)
                .containsOnly(1, 2);
        assertThat(byMood.get(Feedback.Mood.AS_EXPECTED))
                .extracting(PlantedFeedbackTest::gap)
                .containsOnly(-1, 0, 1);
        assertThat(mean(byMood.get(Feedback.Mood.DISAPPOINTED))).isCloseTo(-1.5, within(0.1));
        assertThat(mean(byMood.get(Feedback.Mood.DELIGHTED))).isCloseTo(1.25, within(0.1));
        assertThat(mean(byMood.get(Feedback.Mood.AS_EXPECTED))).isCloseTo(-0.067, within(0.05));
    }

    private static double mean(List<List<String>> answers) {
        return answers.stream().mapToInt(PlantedFeedbackTest::gap).average().orElseThrow();
    }

    @Test
    void theDisappointedComplainAboutHalfTheTimeOtherBuyersRarelyAndProspectsNever() {
        Set<String> complained = new HashSet<>();
        for (List<String> complaint : data.complaints.rows()) {
            String externalId = complaint.get(0);
            assertThat(complained.add(externalId))
                    .as("one complaint per customer")
                    .isTrue();
            assertThat(salesByCustomer).as("only buyers complain").containsKey(externalId);
            Instant occurredAt = Instant.parse(complaint.get(1));
            assertThat(occurredAt).isBefore(END);
            assertThat(afterASale(externalId, occurredAt, 0, 14)).isTrue();
            assertThat(Feedback.COMPLAINTS).contains(complaint.get(2));
        }
        Map<Boolean, List<String>> buyers = salesByCustomer.keySet().stream()
                .collect(Collectors.partitioningBy(id -> mood(id) == Feedback.Mood.DISAPPOINTED));
        assertThat(rate(buyers.get(true), complained)).isCloseTo(0.5, within(0.04));
        assertThat(rate(buyers.get(false), complained)).isCloseTo(0.02, within(0.005));
    }

    private static double rate(List<String> customers, Set<String> complained) {
        return customers.stream().filter(complained::contains).count() / (double) customers.size();
    }
}
