package io.clientele.segment;

import java.time.LocalDate;

/** The time span of a behaviour condition, in whole days of the application's zone. */
public sealed interface Window {
    /** The last {@code days} days up to and including today. */
    record LastDays(int days) implements Window {}

    /** From one day to another, both included. */
    record Between(LocalDate from, LocalDate to) implements Window {}

    /** The first day in the window, given today. */
    default LocalDate firstDay(LocalDate today) {
        return switch (this) {
            case LastDays last -> today.minusDays(last.days() - 1L);
            case Between between -> between.from();
        };
    }

    /** The last day in the window, given today. */
    default LocalDate lastDay(LocalDate today) {
        return switch (this) {
            case LastDays last -> today;
            case Between between -> between.to();
        };
    }
}
