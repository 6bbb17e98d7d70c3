package io.clientele.campaign;

import static io.clientele.platform.InputFields.trimmed;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A campaign step as the form and the API send it: all text, so that a wrong value is a field error. {@link #parse}
 * reads what it can and adds a problem for every wrong field; {@link CampaignSteps} adds the material's.
 */
public record StepInput(
        @Nullable String name,
        @Nullable String channel,
        @Nullable String materialId,
        @Nullable String offer,
        @Nullable String couponPrefix,
        @Nullable String couponValue,
        @Nullable String couponValidUntil,
        @Nullable String assignment,
        @Nullable String sendAt,
        @Nullable String throttlePerMinute,
        @Nullable String unitCost,
        @Nullable String eventId) {

    /** A step sending a material on its channel at a cost per contact, with every other field left to its default. */
    public static StepInput sending(String name, StepChannel channel, long materialId, String unitCost) {
        return new StepInput(
                name,
                channel.name(),
                String.valueOf(materialId),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                unitCost,
                null);
    }

    /** The step as read; fields of other channels are dropped (a coupon's value on an email step means nothing). */
    record Parsed(
            @Nullable String name,
            @Nullable StepChannel channel,
            @Nullable Long materialId,
            @Nullable String offer,
            @Nullable String couponPrefix,
            @Nullable BigDecimal couponValue,
            @Nullable LocalDate couponValidUntil,
            CampaignStep.@Nullable CallAssignment assignment,
            @Nullable Instant sendAt,
            @Nullable Integer throttlePerMinute,
            BigDecimal unitCost,
            @Nullable Long eventId) {}

    static final int MAX_OFFER = 500;

    /**
     * @param zone the zone a date and time without an offset ({@code 2027-03-01T09:00}, as a browser sends it) is in
     */
    Parsed parse(ZoneId zone, List<FieldProblem> problems) {
        String name = InputFields.required("name", this.name, 200, problems);
        StepChannel channel = InputFields.oneOf("channel", this.channel, StepChannel.class, problems);
        Long material = null;
        if (trimmed(materialId) != null) {
            try {
                material = Long.valueOf(materialId.strip());
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of("materialId", "validation.number"));
            }
        }
        String offer = trimmed(this.offer);
        if (offer != null && offer.length() > MAX_OFFER) {
            problems.add(FieldProblem.of("offer", "validation.length", MAX_OFFER));
        }
        boolean coupon = channel == StepChannel.COUPON;
        String prefix = coupon ? trimmed(couponPrefix) : null;
        if (prefix != null) {
            prefix = prefix.toUpperCase(Locale.ROOT);
            if (!prefix.matches("[A-Z0-9]{1,8}")) {
                problems.add(FieldProblem.of("couponPrefix", "campaign.step.couponPrefix"));
            }
        }
        BigDecimal value = coupon ? decimal("couponValue", couponValue, 2, problems) : null;
        if (coupon && value == null && trimmed(couponValue) == null) {
            problems.add(FieldProblem.of("couponValue", "validation.required"));
        }
        LocalDate validUntil = null;
        if (coupon && trimmed(couponValidUntil) != null) {
            try {
                validUntil = LocalDate.parse(couponValidUntil.strip());
            } catch (DateTimeException e) {
                problems.add(FieldProblem.of("couponValidUntil", "validation.date"));
            }
        }
        CampaignStep.CallAssignment assignment = null;
        if (channel == StepChannel.CALL) {
            assignment = CampaignStep.CallAssignment.ROUND_ROBIN;
            if (trimmed(this.assignment) != null) {
                try {
                    assignment = CampaignStep.CallAssignment.valueOf(
                            this.assignment.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(FieldProblem.of(
                            "assignment", "validation.oneOf", List.of(CampaignStep.CallAssignment.values())));
                }
            }
        }
        Instant sendAt = instant(sendAt(), zone, problems);
        Integer throttle = null;
        if (trimmed(throttlePerMinute) != null) {
            try {
                throttle = Integer.valueOf(throttlePerMinute.strip());
                if (throttle < 1) {
                    problems.add(FieldProblem.of("throttlePerMinute", "campaign.step.positive"));
                }
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of("throttlePerMinute", "validation.number"));
            }
        }
        BigDecimal cost = decimal("unitCost", unitCost, 4, problems);
        Long event = null;
        if (trimmed(eventId) != null) {
            try {
                event = Long.valueOf(eventId.strip());
                if (channel != null && channel != StepChannel.EMAIL) {
                    problems.add(FieldProblem.of("eventId", "campaign.step.eventEmailOnly"));
                    event = null;
                }
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of("eventId", "validation.number"));
            }
        }
        return new Parsed(
                name,
                channel,
                material,
                offer,
                prefix,
                value,
                validUntil,
                assignment,
                sendAt,
                throttle,
                cost == null ? BigDecimal.ZERO : cost,
                event);
    }

    private static @Nullable Instant instant(@Nullable String text, ZoneId zone, List<FieldProblem> problems) {
        String value = trimmed(text);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeException again) {
                problems.add(FieldProblem.of("sendAt", "campaign.step.dateTime"));
                return null;
            }
        }
    }

    private static @Nullable BigDecimal decimal(
            String field, @Nullable String text, int scale, List<FieldProblem> problems) {
        String value = trimmed(text);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.signum() < 0) {
                problems.add(FieldProblem.of(field, "validation.notNegative"));
                return null;
            }
            if (number.scale() > scale || number.compareTo(new BigDecimal("1e8")) >= 0) {
                problems.add(FieldProblem.of(field, "campaign.step.decimal", scale));
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "validation.number"));
            return null;
        }
    }
}
