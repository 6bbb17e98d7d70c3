package io.clientele.demo.generator;

/**
 * Row counts of what was written.
 *
 * @param receipts every receipt in sales.csv: card holders' and anonymous, sales and returns
 * @param saleLines rows of sales.csv
 * @param surveyAnswers rows of survey_answers.csv (one per aspect answered)
 * @param complaints rows of complaints.csv
 */
public record GenerationSummary(
        int stores,
        int salespeople,
        int products,
        long customers,
        long receipts,
        long saleLines,
        long surveyAnswers,
        long complaints) {}
