package io.clientele.demo.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;

/**
 * The calendar of a data set. Times are doubles counted in days from the first day of the sales window (day 0); a
 * time's fraction is its place within the store hours 09:00-21:00, so ordering times orders timestamps. Joins reach
 * back one more year, to negative days.
 */
final class DataWindow {
    private static final int OPENING_SECOND = 9 * 3600;
    private static final int OPEN_SECONDS = 12 * 3600;

    private static final double NOVEMBER_FACTOR = 1.6;
    private static final double DECEMBER_FACTOR = 1.4;
    private static final double WEEKEND_FACTOR = 1.3;

    private final LocalDate firstDay;
    private final int days;
    private final int firstJoinDay;
    private final String[] dateTexts;
    private final Month[] months;
    private final double[] intensity;
    private final double maxIntensity;

    private DataWindow(LocalDate asOf) {
        firstDay = asOf.minusYears(2).plusDays(1);
        days = (int) ChronoUnit.DAYS.between(firstDay, asOf) + 1;
        firstJoinDay =
                (int) ChronoUnit.DAYS.between(firstDay, asOf.minusYears(3).plusDays(1));
        dateTexts = new String[days - firstJoinDay];
        for (int day = firstJoinDay; day < days; day++) {
            dateTexts[day - firstJoinDay] = firstDay.plusDays(day).toString();
        }
        months = new Month[days];
        double[] raw = new double[days];
        double sum = 0;
        for (int day = 0; day < days; day++) {
            LocalDate date = firstDay.plusDays(day);
            months[day] = date.getMonth();
            raw[day] = monthFactor(months[day]) * weekdayFactor(date.getDayOfWeek());
            sum += raw[day];
        }
        // normalised to an average of 1 over the window, so a purchase rate keeps its meaning of purchases per day
        double mean = sum / days;
        intensity = new double[days];
        double max = 0;
        for (int day = 0; day < days; day++) {
            intensity[day] = raw[day] / mean;
            max = Math.max(max, intensity[day]);
        }
        maxIntensity = max;
    }

    static DataWindow endingOn(LocalDate asOf) {
        return new DataWindow(asOf);
    }

    private static double monthFactor(Month month) {
        return switch (month) {
            case NOVEMBER -> NOVEMBER_FACTOR;
            case DECEMBER -> DECEMBER_FACTOR;
            default -> 1.0;
        };
    }

    private static double weekdayFactor(DayOfWeek dayOfWeek) {
        return dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY ? WEEKEND_FACTOR : 1.0;
    }

    /** Days in the sales window: day 0 is as-of minus two years plus one day, the last is as-of. */
    int days() {
        return days;
    }

    /** The earliest join day (negative): as-of minus three years plus one day. */
    int firstJoinDay() {
        return firstJoinDay;
    }

    LocalDate date(int day) {
        return firstDay.plusDays(day);
    }

    /** yyyy-MM-dd of a day from {@link #firstJoinDay()} to the last day of the window. */
    String dateText(int day) {
        return dateTexts[day - firstJoinDay];
    }

    /** A time as an instant in UTC to the second, e.g. 2026-03-14T07:42:10Z. */
    String timestamp(double time) {
        String date = dateText(day(time));
        int second = secondOfDay(time);
        char[] text = new char[date.length() + 10];
        date.getChars(0, date.length(), text, 0);
        int p = date.length();
        text[p++] = 'T';
        p = twoDigits(text, p, second / 3600);
        text[p++] = ':';
        p = twoDigits(text, p, second / 60 % 60);
        text[p++] = ':';
        p = twoDigits(text, p, second % 60);
        text[p] = 'Z';
        return new String(text);
    }

    private static int twoDigits(char[] text, int p, int value) {
        text[p] = (char) ('0' + value / 10);
        text[p + 1] = (char) ('0' + value % 10);
        return p + 2;
    }

    Month month(int day) {
        return months[day];
    }

    /** The relative purchase intensity of a window day (seasonality times weekday), averaging 1 over the window. */
    double intensity(int day) {
        return intensity[day];
    }

    double maxIntensity() {
        return maxIntensity;
    }

    static int day(double time) {
        return (int) Math.floor(time);
    }

    static int secondOfDay(double time) {
        return OPENING_SECOND + (int) ((time - Math.floor(time)) * OPEN_SECONDS);
    }
}
