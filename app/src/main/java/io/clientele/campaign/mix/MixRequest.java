package io.clientele.campaign.mix;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a channel mix is planned for, as the form and the API send it: the responses wanted, the budget, the share of
 * each value grade every channel is tried on first (percent, default 5, at most 20), and optionally the past
 * campaigns to learn the rates and costs from (none: all).
 */
public record MixRequest(
        @Nullable String target,
        @Nullable String budget,
        @Nullable String samplePercent,
        @Nullable List<String> campaigns) {

    static final BigDecimal DEFAULT_SAMPLE = new BigDecimal("5");
    static final BigDecimal MAX_SAMPLE = new BigDecimal("20");

    record Parsed(int target, BigDecimal budget, BigDecimal samplePercent, List<Long> campaigns) {}

    /** @throws InvalidInputException naming every wrong field */
    Parsed parse() {
        List<FieldProblem> problems = new ArrayList<>();
        Integer wanted = null;
        String text = InputFields.trimmed(target);
        if (text == null) {
            problems.add(FieldProblem.of("target", "validation.required"));
        } else {
            try {
                wanted = Integer.valueOf(text);
                if (wanted < 1 || wanted > 100_000_000) {
                    problems.add(FieldProblem.of("target", "validation.between", 1, 100_000_000));
                }
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of("target", "validation.number"));
            }
        }
        BigDecimal money = InputFields.money("budget", budget, problems);
        if (money == null && InputFields.trimmed(budget) == null) {
            problems.add(FieldProblem.of("budget", "validation.required"));
        } else if (money != null && money.signum() < 0) {
            problems.add(FieldProblem.of("budget", "validation.between", 0, "10^12"));
        }
        BigDecimal sample = InputFields.money("samplePercent", samplePercent, problems);
        if (sample == null && InputFields.trimmed(samplePercent) == null) {
            sample = DEFAULT_SAMPLE;
        } else if (sample != null && (sample.signum() <= 0 || sample.compareTo(MAX_SAMPLE) > 0)) {
            problems.add(FieldProblem.of("samplePercent", "validation.between", "0.01", MAX_SAMPLE));
        }
        List<Long> ids = new ArrayList<>();
        if (campaigns != null) {
            if (campaigns.size() > 100) {
                problems.add(FieldProblem.of("campaigns", "validation.between", 0, 100));
            }
            for (String id : campaigns) {
                try {
                    ids.add(Long.valueOf(id == null ? "" : id.strip()));
                } catch (NumberFormatException e) {
                    problems.add(FieldProblem.of("campaigns", "validation.number"));
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Parsed(wanted, money, sample, List.copyOf(ids));
    }
}
