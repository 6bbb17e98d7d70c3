package io.clientele.merchandising;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A month ({@code 2026-11}) or a quarter ({@code 2026-Q4}): the periods salespeople have targets for. */
public record TargetPeriod(Kind kind, LocalDate start) {
    public enum Kind {
        MONTH,
        QUARTER
    }

    public TargetPeriod {
        if (start.getDayOfMonth() != 1 || (kind == Kind.QUARTER && start.getMonthValue() % 3 != 1)) {
            throw new IllegalArgumentException("not the first day of a " + kind + ": " + start);
        }
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** Reads the field; null (with a problem naming it) when it is neither a month nor a quarter of 2000–2099. */
    static @Nullable TargetPeriod parse(String field, @Nullable String text, List<FieldProblem> problems) {
        String value = InputFields.trimmed(text);
        if (value == null) {
            problems.add(FieldProblem.of(field, "validation.required"));
            return null;
        }
        Matcher month = MONTH.matcher(value);
        Matcher quarter = QUARTER.matcher(value.toUpperCase(java.util.Locale.ROOT));
        TargetPeriod period = null;
        if (month.matches()) {
            int m = Integer.parseInt(month.group(2));
            if (m >= 1 && m <= 12) {
                period = new TargetPeriod(Kind.MONTH, LocalDate.of(Integer.parseInt(month.group(1)), m, 1));
            }
        } else if (quarter.matches()) {
            int q = Integer.parseInt(quarter.group(2));
            period = new TargetPeriod(Kind.QUARTER, LocalDate.of(Integer.parseInt(quarter.group(1)), 3 * q - 2, 1));
        }
        if (period == null || period.start.getYear() < 2000 || period.start.getYear() > 2099) {
            problems.add(FieldProblem.of(field, "merchandising.period"));
            return null;
        }
        return period;
    }

    /** The month of a day. */
    public static TargetPeriod monthOf(LocalDate day) {
        return new TargetPeriod(Kind.MONTH, day.withDayOfMonth(1));
    }

    /** The quarter of a day. */
    public static TargetPeriod quarterOf(LocalDate day) {
        return new TargetPeriod(Kind.QUARTER, LocalDate.of(day.getYear(), 3 * ((day.getMonthValue() - 1) / 3) + 1, 1));
    }

    /** The first day after the period. */
    public LocalDate end() {
        return start.plusMonths(kind == Kind.MONTH ? 1 : 3);
    }

    /** The period of the same kind just before. */
    public TargetPeriod previous() {
        return new TargetPeriod(kind, start.minusMonths(kind == Kind.MONTH ? 1 : 3));
    }

    /** As it is written: {@code 2026-11} or {@code 2026-Q4}. */
    public String text() {
        return kind == Kind.MONTH
                ? YearMonth.from(start).toString()
                : start.getYear() + "-Q" + ((start.getMonthValue() + 2) / 3);
    }

    @Override
    public String toString() {
        return text();
    }
}
