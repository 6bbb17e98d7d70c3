package io.clientele.audit;

import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for administrators and tokens with the {@code audit:read} scope (see identity's security). */
@RestController
@Tag(name = "Audit", description = "Who changed what and when")
class AuditApi {
    private final AuditLog log;

    AuditApi(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/audit")
    @Operation(
            summary = "Audit trail entries, newest first, filtered by user, entity, action and period (size 1 to 200)")
    PageResult<AuditEvent> search(
            @Parameter(description = "the actor: a user name, token:<name> or system")
                    @RequestParam(required = false)
                    @Nullable
                    String user,
            @Parameter(description = "the kind of record, e.g. customer, user")
                    @RequestParam(required = false)
                    @Nullable
                    String entity,
            @RequestParam(required = false) @Nullable String entityId,
            @Parameter(description = "an action, or a prefix of actions: login matches login.failed")
                    @RequestParam(required = false)
                    @Nullable
                    String action,
            @Parameter(description = "first day, YYYY-MM-DD", schema = @Schema(type = "string", format = "date"))
                    @RequestParam(required = false)
                    @Nullable
                    String from,
            @Parameter(description = "last day, YYYY-MM-DD", schema = @Schema(type = "string", format = "date"))
                    @RequestParam(required = false)
                    @Nullable
                    String to,
            // read as text so that a bad value is a 400 naming the field, like every other bad filter
            @Parameter(description = "zero-based page", schema = @Schema(type = "integer", minimum = "0"))
                    @RequestParam(required = false)
                    @Nullable
                    String page,
            @Parameter(
                            description = "page size, 1 to 200 (default 50)",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "200"))
                    @RequestParam(required = false)
                    @Nullable
                    String size) {
        return log.search(AuditQuery.of(user, entity, entityId, action, from, to, page, size));
    }
}
