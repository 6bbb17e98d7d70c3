package io.clientele.journey;

import io.clientele.journey.JourneyGraph.*;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a node acts on a customer who arrives at {@code now}: a wait at its end, a decision at its time limit (it may
 * answer {@code yes} before), every other node at once. All arrivals at a node in one tick share it, so it is computed
 * once per node and tick, not per customer.
 */
final class Arrivals {
    private Arrivals() {}

    static Instant due(Node node, Instant now, ZoneId zone) {
        return switch (node.config()) {
            case Wait wait ->
                switch (wait.rule()) {
                    case For f -> now.plus(f.duration());
                    case Until u -> u.at().isAfter(now) ? u.at() : now;
                    case Window w -> nextInside(w, now, zone);
                };
            case Decision decision -> decision.within() == null ? now : now.plus(decision.within());
            default -> now;
        };
    }

    /** The first moment from {@code now} inside the window: now itself when inside, else the next opening. */
    static Instant nextInside(Window window, Instant now, ZoneId zone) {
        ZonedDateTime at = now.atZone(zone);
        for (int day = 0; day <= 7; day++) {
            LocalDate date = at.toLocalDate().plusDays(day);
            if (!window.days().contains(date.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime opens = date.atTime(window.from()).atZone(zone);
            ZonedDateTime closes = date.atTime(window.to()).atZone(zone);
            if (at.isBefore(closes)) {
                return at.isBefore(opens) ? opens.toInstant() : now;
            }
        }
        throw new IllegalStateException("a window with days opens within a week");
    }

    /** Whether a customer arriving at the node has left the journey. */
    static boolean ends(Node node) {
        return node.kind() == Kind.GOAL || node.kind() == Kind.EXIT;
    }
}
