package io.clientele.merchandising;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Days from one to another, both included, as the pages and the API take them ({@code from}, {@code to}); the
 * receipts of those days are those sold from the first day's start to the next day's after the last, in the app's
 * zone.
 */
record Days(LocalDate from, LocalDate to) {
    /** Reads the two fields; a missing end is today, a missing start {@code days} days before the end. */
    static Days parse(
            @Nullable String from, @Nullable String to, LocalDate today, int days, List<FieldProblem> problems) {
        LocalDate end = InputFields.date("to", to, problems);
        LocalDate start = InputFields.date("from", from, problems);
        if (end == null) end = today;
        if (start == null) start = end.minusDays(days - 1L);
        if (start.isAfter(end)) problems.add(FieldProblem.of("to", "validation.endsBeforeStart"));
        return new Days(start, end);
    }

    Timestamp start(ZoneId zone) {
        return Timestamp.from(from.atStartOfDay(zone).toInstant());
    }

    /** Exclusive: the start of the day after {@link #to}. */
    Timestamp end(ZoneId zone) {
        return Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    Days yearBefore() {
        return new Days(from.minusYears(1), to.minusYears(1));
    }
}
