package io.clientele.demo.generator;

import io.clientele.platform.csv.CsvWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * survey_answers.csv (one row per aspect answered, named as the survey-answers import reads them) and complaints.csv
 * (one row per complaint), both card holder by card holder in customer order.
 */
final class FeedbackFiles implements Closeable {
    static final String SURVEY_ANSWERS = "survey_answers.csv";
    static final String COMPLAINTS = "complaints.csv";

    private final CsvWriter answers;
    private final CsvWriter complaints;
    private final DataWindow window;
    private long answerRows;
    private long complaintRows;

    FeedbackFiles(Path outDir, DataWindow window) throws IOException {
        this.window = window;
        answers = DemoDataGenerator.csvFile(
                outDir.resolve(SURVEY_ANSWERS),
                "external_id",
                "survey",
                "aspect",
                "perceived",
                "expected",
                "answered_at");
        complaints = DemoDataGenerator.csvFile(outDir.resolve(COMPLAINTS), "external_id", "occurred_at", "summary");
    }

    void write(Customer customer, Feedback.Drawn feedback) throws IOException {
        Feedback.Survey survey = feedback.survey();
        if (survey != null) {
            String answeredAt = window.timestamp(survey.time());
            for (Feedback.Answer answer : survey.answers()) {
                answers.text(customer.externalId())
                        .text(Feedback.SURVEY)
                        .text(answer.aspect())
                        .integer(answer.perceived())
                        .integer(answer.expected())
                        .text(answeredAt)
                        .endRow();
                answerRows++;
            }
        }
        for (Feedback.Complaint complaint : feedback.complaints()) {
            complaints
                    .text(customer.externalId())
                    .text(window.timestamp(complaint.time()))
                    .text(complaint.summary())
                    .endRow();
            complaintRows++;
        }
    }

    long answerRows() {
        return answerRows;
    }

    long complaintRows() {
        return complaintRows;
    }

    @Override
    public void close() throws IOException {
        try (answers) {
            complaints.close();
        }
    }
}
