package io.clientele.merchandising;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which receipts to mine and how: the level of the items, the days (inclusive), the stores (none: all the asker
 * may see), a saved segment whose customers' receipts count (none: all receipts), and the thresholds.
 */
public record BasketQuery(
        BasketLevel level,
        LocalDate from,
        LocalDate to,
        List<String> stores,
        @Nullable Long segment,
        double minSupport,
        double minConfidence,
        int maxLength,
        int limit) {
    public static final double DEFAULT_SUPPORT = 0.005;
    public static final double DEFAULT_CONFIDENCE = 0.1;
    public static final int DEFAULT_LENGTH = 3;
    /** Longer rules than this are rarely read and multiply the work. */
    public static final int MAX_LENGTH = 5;

    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_DAYS = 365;

    public BasketQuery {
        stores = List.copyOf(stores);
    }

    /** Reads the parameters as a page or the API receives them; every bad one is named, none is half-taken. */
    public static BasketQuery parse(
            @Nullable String level,
            @Nullable String from,
            @Nullable String to,
            @Nullable List<String> stores,
            @Nullable String segment,
            @Nullable String minSupport,
            @Nullable String minConfidence,
            @Nullable String maxLength,
            @Nullable String limit,
            LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        BasketLevel chosen = InputFields.trimmed(level) == null
                ? BasketLevel.CATEGORY
                : InputFields.oneOf("level", level, BasketLevel.class, problems);
        Days days = Days.parse(from, to, today, DEFAULT_DAYS, problems);
        List<String> codes = storeCodes(stores, problems);
        Long segmentId = null;
        if (InputFields.trimmed(segment) != null) {
            try {
                segmentId = Long.parseLong(segment.trim());
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of("segment", "validation.number"));
            }
        }
        double support = fraction("minSupport", minSupport, DEFAULT_SUPPORT, false, problems);
        double confidence = fraction("minConfidence", minConfidence, DEFAULT_CONFIDENCE, true, problems);
        int length = whole("maxLength", maxLength, DEFAULT_LENGTH, 2, MAX_LENGTH, problems);
        int rows = whole("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return new BasketQuery(chosen, days.from(), days.to(), codes, segmentId, support, confidence, length, rows);
    }

    /** Store codes as given (blank ones skipped); each must be storable text of at most 40 characters. */
    static List<String> storeCodes(@Nullable List<String> stores, List<FieldProblem> problems) {
        List<String> codes = new ArrayList<>();
        for (String store : stores == null ? List.<String>of() : stores) {
            String code = InputFields.trimmed(store);
            if (code == null) continue;
            InputFields.printable("stores", code, problems);
            if (code.length() > 40) problems.add(FieldProblem.of("stores", "validation.length", 40));
            else codes.add(code);
        }
        return codes;
    }

    /** A share: support above 0 (a support of 0 would make every combination a rule), confidence from 0; at most 1. */
    private static double fraction(
            String field, @Nullable String text, double otherwise, boolean zero, List<FieldProblem> problems) {
        String value = InputFields.trimmed(text);
        if (value == null) return otherwise;
        try {
            double share = Double.parseDouble(value);
            if ((zero ? share >= 0 : share > 0) && share <= 1) return share;
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add(FieldProblem.of(field, zero ? "merchandising.share" : "merchandising.support"));
        return otherwise;
    }

    private static int whole(
            String field, @Nullable String text, int otherwise, int min, int max, List<FieldProblem> problems) {
        String value = InputFields.trimmed(text);
        if (value == null) return otherwise;
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) return number;
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add(FieldProblem.of(field, "validation.between", min, max));
        return otherwise;
    }
}
