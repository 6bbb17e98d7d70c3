package io.clientele.platform.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Numbers, money and times for pages ({@code ${@fmt.money(x)}}), in the viewer's locale and the app's zone. */
@Component("fmt")
public class Formats {
    private final Clock clock;

    Formats(Clock clock) {
        this.clock = clock;
    }

    public String number(@Nullable Number value) {
        return value == null
                ? "–"
                : NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale())
                        .format(value);
    }

    public String money(@Nullable BigDecimal value) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(value);
    }

    public String percent(@Nullable BigDecimal value) {
        return value == null ? "–" : (value.signum() > 0 ? "+" : "") + value.toPlainString() + "%";
    }

    /** A share 0–1 as a percentage with one decimal, e.g. {@code 0.6234 -> "62.3%"}. */
    public String share(@Nullable Number fraction) {
        if (fraction == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getPercentInstance(LocaleContextHolder.getLocale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(fraction.doubleValue());
    }

    /** {@code part} as a share of {@code whole}, formatted by {@link #share}; a dash when the whole is zero. */
    public String share(@Nullable Number part, @Nullable Number whole) {
        if (part == null || whole == null || whole.doubleValue() == 0) {
            return "–";
        }
        return share(part.doubleValue() / whole.doubleValue());
    }

    public String dateTime(@Nullable Instant value) {
        return value == null
                ? "–"
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(LocaleContextHolder.getLocale())
                        .withZone(clock.getZone())
                        .format(value);
    }

    public String date(@Nullable Instant value) {
        return value == null
                ? "–"
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(LocaleContextHolder.getLocale())
                        .withZone(clock.getZone())
                        .format(value);
    }

    public String date(@Nullable LocalDate value) {
        return value == null
                ? "–"
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(LocaleContextHolder.getLocale())
                        .format(value);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
