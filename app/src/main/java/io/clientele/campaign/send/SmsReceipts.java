package io.clientele.campaign.send;

import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.campaign.response.MessageIds;
import io.clientele.campaign.response.TrackingLinks;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The SMS gateway's delivery receipts: {@code reference} is the {@code {step}.{customer}} the message was sent with;
 * DELIVERED records a DELIVERED response, FAILED a BOUNCED one. Each counts once per message, however often the
 * gateway reports it.
 */
@Service
public class SmsReceipts {

    /** A receipt as the gateway posts it. */
    public record Receipt(
            @Nullable String reference, @Nullable String status) {}

    private final CampaignResponses responses;
    private final Clock clock;

    SmsReceipts(CampaignResponses responses, Clock clock) {
        this.responses = responses;
        this.clock = clock;
    }

    /** Whether the receipt was new (false: seen before, or for a message never sent). */
    public boolean record(Receipt receipt) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<TrackingLinks.Target> message =
                receipt.reference() == null ? Optional.empty() : MessageIds.parse(receipt.reference());
        if (receipt.reference() == null || receipt.reference().isBlank()) {
            problems.add(FieldProblem.of("reference", "validation.required"));
        } else if (message.isEmpty()) {
            problems.add(FieldProblem.of("reference", "send.receipt.reference"));
        }
        ResponseKind kind = null;
        if (receipt.status() == null || receipt.status().isBlank()) {
            problems.add(FieldProblem.of("status", "validation.required"));
        } else {
            kind = switch (receipt.status().strip()) {
                case "DELIVERED" -> ResponseKind.DELIVERED;
                case "FAILED" -> ResponseKind.BOUNCED;
                default -> null;
            };
            if (kind == null) {
                problems.add(FieldProblem.of("status", "validation.oneOf", "DELIVERED, FAILED"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return responses.record(new CampaignResponses.Response(
                message.get().stepId(),
                message.get().customerId(),
                kind,
                clock.instant(),
                "sms " + receipt.status().strip(),
                null,
                "sms-receipt"));
    }
}
