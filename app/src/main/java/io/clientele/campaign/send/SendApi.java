package io.clientele.campaign.send;

import io.clientele.campaign.StepChannel;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Campaign sending", description = "Send progress, the outbox and SMS delivery receipts")
class SendApi {
    private final OutboxMessages outbox;
    private final SmsReceipts receipts;

    SendApi(OutboxMessages outbox, SmsReceipts receipts) {
        this.outbox = outbox;
        this.receipts = receipts;
    }

    @GetMapping("/api/v1/campaigns/outbox")
    @Operation(summary = "Messages kept in the outbox (no SMTP server or SMS gateway configured), newest first")
    PageResult<OutboxMessages.Item> outbox(
            @RequestParam(required = false) @Nullable Long campaign,
            @RequestParam(required = false) @Nullable Long step,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return outbox.page(campaign, step, channel(channel), page, size);
    }

    @GetMapping("/api/v1/campaigns/outbox/{id}")
    @Operation(summary = "One outbox message: recipient, subject, HTML and text parts, headers")
    OutboxMessages.Message message(@PathVariable long id) {
        return outbox.get(id);
    }

    @GetMapping("/api/v1/campaigns/{id}/sending")
    @Operation(summary = "The campaign's email and SMS steps with their members by send state")
    List<OutboxMessages.StepProgress> progress(@PathVariable long id) {
        return outbox.progress(id);
    }

    @PostMapping("/api/v1/campaigns/sms/receipts")
    @Operation(summary = "An SMS gateway's delivery receipt: {reference: \"{step}.{customer}\", status}")
    Map<String, Boolean> receipt(@RequestBody SmsReceipts.Receipt receipt) {
        return Map.of("recorded", receipts.record(receipt));
    }

    /** EMAIL or SMS, or null for both. */
    static @Nullable StepChannel channel(@Nullable String channel) {
        if (channel == null || channel.isBlank()) {
            return null;
        }
        String name = channel.strip().toUpperCase(Locale.ROOT);
        if (!name.equals("EMAIL") && !name.equals("SMS")) {
            throw new InvalidInputException(FieldProblem.of("channel", "validation.oneOf", "EMAIL, SMS"));
        }
        return StepChannel.valueOf(name);
    }
}
