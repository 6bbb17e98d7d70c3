package io.clientele.loyalty;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cards, balances, statements, adjustments, earning rules, tiers and a member's tier, and redemptions at the till
 * (docs/api.md, docs/loyalty.md).
 */
@RestController
@RequestMapping("/api/v1/loyalty")
@Tag(name = "Loyalty", description = "Cards, the points ledger, earning rules, tiers and redemptions at the till")
class LoyaltyApi {
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private final LoyaltyCards cards;
    private final PointsLedger ledger;
    private final Redemptions redemptions;
    private final EarningRules rules;
    private final ProgrammeSettings settings;
    private final LoyaltyTiers tiers;

    LoyaltyApi(
            LoyaltyCards cards,
            PointsLedger ledger,
            Redemptions redemptions,
            EarningRules rules,
            ProgrammeSettings settings,
            LoyaltyTiers tiers) {
        this.tiers = tiers;
        this.cards = cards;
        this.ledger = ledger;
        this.redemptions = redemptions;
        this.rules = rules;
        this.settings = settings;
    }

    record Member(LoyaltyCards.Card card, PointsLedger.Account account) {}

    record IssueInput(@Nullable String cardNumber, @Nullable Long customerId) {}

    record LinkInput(@Nullable Long customerId) {}

    record ReplaceInput(@Nullable String newCardNumber) {}

    record AdjustmentInput(
            @Nullable Long points,
            @Nullable String reason,
            @Nullable String approvedBy) {}

    record Adjusted(long movementId, PointsLedger.Account account) {}

    @GetMapping("/cards/{card}")
    @Operation(summary = "A card, its member account's balance, lifetime points, held points and lots with expiry")
    Member member(@PathVariable String card) {
        LoyaltyCards.Card found = cards.get(cardNumber("card", card));
        return new Member(found, ledger.account(found.accountId()));
    }

    @GetMapping("/cards/{card}/tier")
    @Operation(
            summary = "The card's member's tier and since when, their qualification over the window, the next tier and "
                    + "what it still takes, the next review, and the tier history (newest first)")
    LoyaltyTiers.Standing tier(@PathVariable String card) {
        return tiers.standing(cards.get(cardNumber("card", card)).accountId());
    }

    @GetMapping("/cards/{card}/statement")
    @Operation(summary = "The card's account's movements, newest first, each with the balance after it")
    List<PointsLedger.Line> statement(
            @PathVariable String card,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException(FieldProblem.of("limit", "validation.between", 1, 500));
        }
        if (offset < 0) {
            throw new InvalidInputException(FieldProblem.of("offset", "validation.atLeast", 0));
        }
        return ledger.statement(cards.get(cardNumber("card", card)).accountId(), limit, offset);
    }

    @PostMapping("/cards")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Issue a card, to a customer (joining their account) or to nobody yet (a new account); issuing "
                    + "the same card to the same holder again answers it")
    LoyaltyCards.Card issue(@RequestBody IssueInput input) {
        return cards.issue(input.cardNumber(), input.customerId());
    }

    @PostMapping("/cards/{card}/link")
    @Operation(summary = "Give a card issued before registration its holder")
    LoyaltyCards.Card link(@PathVariable String card, @RequestBody LinkInput input) {
        if (input.customerId() == null) {
            throw new InvalidInputException(FieldProblem.of("customerId", "validation.required"));
        }
        return cards.link(cardNumber("card", card), input.customerId());
    }

    @PostMapping("/cards/{card}/replace")
    @Operation(summary = "Replace a lost card: the new card takes over the account and its points")
    LoyaltyCards.Card replace(@PathVariable String card, @RequestBody ReplaceInput input) {
        return cards.replace(cardNumber("card", card), input.newCardNumber());
    }

    @PostMapping("/cards/{card}/block")
    @Operation(summary = "Block a card: it neither earns nor pays")
    LoyaltyCards.Card block(@PathVariable String card) {
        return cards.block(cardNumber("card", card));
    }

    @PostMapping("/cards/{card}/adjustments")
    @Operation(
            summary = "A manual adjustment (+ or − points) with its reason and approver, once per Idempotency-Key "
                    + "(the key again with other points: 409)")
    Adjusted adjust(
            @PathVariable String card,
            @Parameter(description = "a unique key per adjustment, reused only to retry it")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @RequestBody AdjustmentInput input) {
        String number = cardNumber("card", card);
        long movement = ledger.adjust(new PointsLedger.Adjustment(
                idempotencyKey, number, input.points(), input.reason(), input.approvedBy()));
        return new Adjusted(movement, ledger.account(cards.get(number).accountId()));
    }

    @PostMapping("/holds")
    @Operation(
            summary = "Hold points for a redemption at the till, once per Idempotency-Key (a retry answers the same "
                    + "hold; the key with another body: 409); then confirm or cancel it")
    Redemptions.Hold reserve(
            @Parameter(description = "a unique key per redemption, reused only to retry it")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Redemptions.Reserve.class)))
                    @RequestBody
                    byte[] body) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new InvalidInputException(FieldProblem.of("Idempotency-Key", "validation.required"));
        }
        FieldProblem unstorable = StorableText.problem("Idempotency-Key", idempotencyKey);
        if (unstorable != null) {
            throw new InvalidInputException(unstorable);
        }
        Redemptions.Reserve request;
        try {
            request = JSON.readValue(body, Redemptions.Reserve.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldProblem.of("body", "loyalty.hold.body"));
        }
        return redemptions.reserve(idempotencyKey.strip(), body, request);
    }

    @PostMapping("/holds/{id}/confirm")
    @Operation(summary = "Burn a hold's points (again: the same answer; cancelled or lapsed: 409)")
    Redemptions.Hold confirm(@PathVariable long id) {
        return redemptions.confirm(id);
    }

    @PostMapping("/holds/{id}/cancel")
    @Operation(summary = "Release a hold's points (again: the same answer; confirmed: 409)")
    Redemptions.Hold cancel(@PathVariable long id) {
        return redemptions.cancel(id);
    }

    @GetMapping("/rules")
    @Operation(summary = "The earning rules: multipliers per category, brand, product and campaign period")
    List<EarningRules.Rule> rules() {
        return rules.all();
    }

    @PostMapping("/rules")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an earning rule; one overlapping another for the same thing is refused (400)")
    EarningRules.Rule addRule(@RequestBody EarningRules.RuleInput input) {
        return rules.add(input, Actor.current().name());
    }

    @GetMapping("/tiers")
    @Operation(summary = "The tiers, lowest rank first, with their members")
    List<LoyaltyTiers.Tier> tiers() {
        return tiers.all();
    }

    @GetMapping("/tiers/{id}")
    @Operation(summary = "A tier")
    LoyaltyTiers.Tier tier(@PathVariable long id) {
        return tiers.get(id);
    }

    @PostMapping("/tiers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add a tier (loyalty:manage); the same tier again answers the one stored; a name or rank taken, "
                    + "or a threshold out of the ranks' order, is refused (400 naming the field)")
    LoyaltyTiers.Tier addTier(@RequestBody LoyaltyTiers.TierInput input) {
        return tiers.create(input, Actor.current().name());
    }

    @PutMapping("/tiers/{id}")
    @Operation(summary = "Change a tier (loyalty:manage); members move at their next receipt or review")
    LoyaltyTiers.Tier setTier(@PathVariable long id, @RequestBody LoyaltyTiers.TierInput input) {
        return tiers.update(id, input, Actor.current().name());
    }

    @DeleteMapping("/tiers/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a tier nobody ever held (loyalty:manage); one with members or history: 409")
    void deleteTier(@PathVariable long id) {
        tiers.delete(id);
    }

    @GetMapping("/programme")
    @Operation(summary = "The programme's settings")
    Programme programme() {
        return ledger.programme();
    }

    @PutMapping("/programme")
    @Operation(
            summary = "Change the programme's settings (loyalty:manage); they apply from now on: lots already earned "
                    + "keep their expiry")
    Programme setProgramme(@RequestBody ProgrammeSettings.Input input) {
        return settings.update(input, Actor.current().name());
    }

    static String cardNumber(String field, String card) {
        FieldProblem unstorable = StorableText.problem(field, card);
        if (unstorable != null) {
            throw new InvalidInputException(unstorable);
        }
        if (card.length() > 40) {
            throw new InvalidInputException(FieldProblem.of(field, "loyalty.card.format"));
        }
        return card.strip();
    }
}
