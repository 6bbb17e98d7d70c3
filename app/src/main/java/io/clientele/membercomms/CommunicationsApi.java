package io.clientele.membercomms;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The member communications: their state, material, settings and results; set up, approved once, paused. */
@RestController
@RequestMapping("/api/v1/loyalty/communications")
@Tag(
        name = "Member communications",
        description = "Welcome, statement, expiry warning, tier change, birthday and newsletter programmes for members")
class CommunicationsApi {
    private final MemberProgrammes programmes;

    CommunicationsApi(MemberProgrammes programmes) {
        this.programmes = programmes;
    }

    record Comment(@Nullable String comment) {}

    @GetMapping
    @Operation(summary = "The programmes set up, each with its state, material, settings and results (campaigns:read)")
    List<MemberProgrammes.Programme> all() {
        return List.copyOf(programmes.all().values());
    }

    @GetMapping("/{kind}")
    @Operation(summary = "One programme: WELCOME, STATEMENT, EXPIRING, TIER_CHANGE, BIRTHDAY or NEWSLETTER")
    MemberProgrammes.Programme get(@PathVariable String kind) {
        return programmes.get(kind(kind));
    }

    @PutMapping("/{kind}")
    @Operation(
            summary = "Set a programme up as a draft, or change its material and settings while it is one"
                    + " (campaigns:write); 409 once submitted")
    MemberProgrammes.Programme define(@PathVariable String kind, @RequestBody MemberProgrammes.ProgrammeInput input) {
        return programmes.define(kind(kind), input, Actor.current().name());
    }

    @PostMapping("/{kind}/submit")
    @Operation(summary = "Submit the programme for approval (campaigns:write)")
    MemberProgrammes.Programme submit(@PathVariable String kind) {
        return programmes.submit(kind(kind), Actor.current().name());
    }

    @PostMapping("/{kind}/approve")
    @Operation(
            summary = "Approve the programme once (campaigns:approve; not by whoever submitted it): it starts at once"
                    + " and runs by itself until paused")
    MemberProgrammes.Programme approve(
            @PathVariable String kind, @RequestBody(required = false) @Nullable Comment comment) {
        return programmes.approve(kind(kind), Actor.current().name(), comment == null ? null : comment.comment());
    }

    @PostMapping("/{kind}/reject")
    @Operation(summary = "Reject the submitted programme with the reason (campaigns:approve)")
    MemberProgrammes.Programme reject(
            @PathVariable String kind, @RequestBody(required = false) @Nullable Comment comment) {
        return programmes.reject(kind(kind), Actor.current().name(), comment == null ? null : comment.comment());
    }

    @PostMapping("/{kind}/pause")
    @Operation(
            summary = "Pause an active programme: nothing is triggered or sent until it is resumed (campaigns:approve)")
    MemberProgrammes.Programme pause(@PathVariable String kind) {
        return programmes.pause(kind(kind), Actor.current().name());
    }

    @PostMapping("/{kind}/resume")
    @Operation(summary = "Resume a paused programme (campaigns:approve)")
    MemberProgrammes.Programme resume(@PathVariable String kind) {
        return programmes.resume(kind(kind), Actor.current().name());
    }

    static ProgrammeKind kind(String text) {
        List<FieldProblem> problems = new ArrayList<>();
        ProgrammeKind kind = InputFields.oneOf("kind", text, ProgrammeKind.class, problems);
        if (kind == null) {
            throw new InvalidInputException(problems);
        }
        return kind;
    }
}
