package io.clientele.ingest;

import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/sales")
@Tag(name = "Sales", description = "POS receipts")
class SalesApi {
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();
    private final PosSales sales;

    private final DataScopes scopes;

    SalesApi(PosSales sales, DataScopes scopes) {
        this.sales = sales;
        this.scopes = scopes;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            summary = "Record a batch of up to 1,000 receipts",
            description = "Idempotent by the Idempotency-Key header and by (source, receiptId): a retry with the same "
                    + "key and body returns the first answer; another body under a used key is refused with 422.")
    ResponseEntity<?> record(
            @Parameter(description = "a unique key per batch, e.g. a UUID; reused only to retry the same batch")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            schema =
                                                    @io.swagger.v3.oas.annotations.media.Schema(
                                                            implementation = PosReceipts.class)))
                    @RequestBody
                    byte[] body)
            throws SQLException {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            return problem(HttpStatus.BAD_REQUEST, "Idempotency-Key: required, 1 to 200 characters");
        }
        PosReceipts request;
        try {
            request = JSON.readValue(body, PosReceipts.class);
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, "body: not valid receipts JSON (" + e.getOriginalMessage() + ")");
        }
        // a store manager records the receipts of their own stores only
        DataScope scope = scopes.current();
        List<String> outside = request.receipts() == null
                ? List.of()
                : request.receipts().stream()
                        .map(PosReceipts.Receipt::storeCode)
                        .filter(store -> store != null && !scope.includesStore(store))
                        .distinct()
                        .toList();
        if (!outside.isEmpty()) {
            return problem(HttpStatus.FORBIDDEN, "storeCode: outside your stores: " + String.join(", ", outside));
        }
        return switch (sales.record(idempotencyKey.strip(), body, request)) {
            case PosSales.Outcome.Answered answered ->
                ResponseEntity.ok()
                        .header("Idempotent-Replayed", String.valueOf(answered.replayed()))
                        .body(answered.result());
            case PosSales.Outcome.KeyReused reused ->
                problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "Idempotency-Key '" + reused.key() + "' was already used for a different request body");
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).body(problem);
    }
}
