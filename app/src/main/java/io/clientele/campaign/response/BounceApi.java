package io.clientele.campaign.response;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Campaign responses", description = "Bounces reported by a mail provider, campaign results")
class BounceApi {
    static final int MAX_BOUNCES = 1000;
    static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    /** A bounce as sent: the message ({@code step.customer} or the Message-ID), HARD or SOFT, the RFC 3464 status. */
    record BounceInput(
            @Nullable String message,
            @Nullable String type,
            @Nullable String status,
            @Nullable String diagnostic) {}

    /** How many were new, how many had been reported before, how many named no message of ours. */
    record BounceResult(int recorded, int alreadyRecorded, int unknownMessages) {}

    private final Bounces bounces;

    BounceApi(Bounces bounces) {
        this.bounces = bounces;
    }

    @PostMapping("/api/v1/campaigns/bounces")
    @Transactional
    @Operation(
            summary = "Report bounced campaign email; a hard bounce suppresses the address. Reporting the same bounce"
                    + " again changes nothing")
    BounceResult report(@RequestBody @Nullable List<@Nullable BounceInput> input) {
        List<Bounces.Bounce> valid = validate(input == null ? List.of() : input);
        int recorded = 0;
        int again = 0;
        int unknown = 0;
        for (Bounces.Bounce bounce : valid) {
            switch (bounces.record(bounce)) {
                case RECORDED -> recorded++;
                case ALREADY_RECORDED -> again++;
                case UNKNOWN_MESSAGE -> unknown++;
            }
        }
        return new BounceResult(recorded, again, unknown);
    }

    /** Every bounce checked before any is recorded, so a wrong one stores nothing. */
    private static List<Bounces.Bounce> validate(List<@Nullable BounceInput> input) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.size() > MAX_BOUNCES) {
            throw new InvalidInputException(FieldProblem.of("bounces", "validation.bounceCount", MAX_BOUNCES));
        }
        List<Bounces.Bounce> valid = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            BounceInput b = input.get(i);
            String at = "[" + i + "].";
            if (b == null) {
                problems.add(FieldProblem.of("[" + i + "]", "validation.required"));
                continue;
            }
            Optional<TrackingLinks.Target> target =
                    b.message() == null ? Optional.empty() : MessageIds.parse(b.message());
            if (target.isEmpty()) {
                problems.add(FieldProblem.of(at + "message", "validation.bounceMessage"));
            }
            Bounces.Type type = null;
            try {
                type = b.type() == null
                        ? null
                        : Bounces.Type.valueOf(b.type().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (type == null) {
                problems.add(FieldProblem.of(at + "type", "validation.oneOf", "HARD, SOFT"));
            }
            String status = b.status() == null ? "" : b.status().strip();
            if (!STATUS.matcher(status).matches()) {
                problems.add(FieldProblem.of(at + "status", "validation.bounceStatus"));
            }
            if (target.isPresent() && type != null && problems.isEmpty()) {
                valid.add(new Bounces.Bounce(target.get(), type, status, b.diagnostic()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return valid;
    }
}
