package io.clientele.customer;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges a duplicate into the customer that survives, in one transaction: every {@link CustomerMergeParticipant}
 * moves its rows, the survivor's empty fields are filled from the merged profile, the merged row is deleted and its
 * customer number and card are remembered ({@code customer_merge}) so that imports and receipts naming them find
 * the survivor. The merge goes on the survivor's timeline and into the audit trail.
 *
 * <p>A dry run does all of it and rolls back: the preview shows exactly what the merge will do, from the same code.
 */
@Service
public class CustomerMerge {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Customers customers;
    private final CustomerEditor editor;
    private final CustomerHistory history;
    private final List<CustomerMergeParticipant> participants;
    private final JsonMapper json;
    private final Clock clock;

    CustomerMerge(
            JdbcClient jdbc,
            JdbcTemplate template,
            Customers customers,
            CustomerEditor editor,
            CustomerHistory history,
            List<CustomerMergeParticipant> participants,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.customers = customers;
        this.editor = editor;
        this.history = history;
        this.participants = participants;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param survivor and merged: both profiles as they were before
     * @param result the survivor's profile after the merge
     * @param moved rows moved per participant name
     * @param filled the survivor's fields that changed (filled from the merged profile)
     */
    public record Outcome(
            CustomerProfile survivor,
            CustomerProfile merged,
            CustomerProfile result,
            Map<String, Integer> moved,
            List<CustomerEditor.Change> filled,
            boolean dryRun) {}

    /** Must not run inside a caller's transaction when {@code dryRun}: the rollback would take the caller's work too. */
    @Transactional
    public Outcome merge(long survivorId, long mergedId, boolean dryRun) {
        if (survivorId == mergedId) {
            throw new InvalidInputException(FieldProblem.of("mergedId", "validation.mergeSelf"));
        }
        // both rows locked in id order, so that two merges of the same pair queue instead of deadlocking
        editor.lock(Math.min(survivorId, mergedId));
        editor.lock(Math.max(survivorId, mergedId));
        CustomerProfile survivor = customers.require(survivorId);
        CustomerProfile merged = customers.require(mergedId);

        Map<String, Integer> moved = new LinkedHashMap<>();
        for (CustomerMergeParticipant participant : participants) {
            moved.put(participant.name(), participant.countRows(mergedId));
            participant.moveRows(mergedId, survivorId);
        }
        remember(survivor, merged, moved);
        jdbc.sql("delete from customer where id = :id").param("id", mergedId).update();

        CustomerInput filled =
                survivor.toInput().normalised().filledFrom(merged.toInput().normalised());
        List<CustomerEditor.Change> changes = CustomerEditor.changes(survivor.toInput(), filled);
        editor.write(survivorId, filled);
        // a customer since the earlier of the two dates
        jdbc.sql("update customer set created_at = least(created_at, :created) where id = :id")
                .param("created", timestamptz(merged.createdAt()))
                .param("id", survivorId)
                .update();
        // and has bought whatever either of them bought (their receipts moved with the sales participant)
        Instant firstPurchase = merged.firstPurchaseAt();
        if (firstPurchase != null) {
            Instant lastPurchase = Objects.requireNonNullElse(merged.lastPurchaseAt(), firstPurchase);
            template.execute((ConnectionCallback<Void>) connection -> {
                PurchaseDates dates = new PurchaseDates(connection);
                dates.add(survivorId, firstPurchase, lastPurchase);
                dates.flush();
                return null;
            });
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mergedId", mergedId);
        details.put("mergedName", merged.name());
        if (merged.externalId() != null) {
            details.put("mergedExternalId", merged.externalId());
        }
        if (merged.cardNumber() != null) {
            details.put("mergedCardNumber", merged.cardNumber());
        }
        details.put("moved", moved);
        details.put("filled", changes);
        history.record(survivorId, InteractionKind.MERGED, merged.name() + " (#" + mergedId + ")", details);

        CustomerProfile result = customers.require(survivorId);
        if (dryRun) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        }
        return new Outcome(survivor, merged, result, moved, changes, dryRun);
    }

    /** The merged customer's identifiers lead to the survivor, and so do those of customers merged into it before. */
    private void remember(CustomerProfile survivor, CustomerProfile merged, Map<String, Integer> moved) {
        jdbc.sql("update customer_merge set survivor_id = :survivor where survivor_id = :merged")
                .param("survivor", survivor.id())
                .param("merged", merged.id())
                .update();
        jdbc.sql("""
                        insert into customer_merge (survivor_id, merged_id, merged_external_id, merged_card_number,
                                                    merged_name, moved, merged_at, merged_by)
                        values (:survivor, :merged, :externalId, :cardNumber, :name, cast(:moved as jsonb), :at, :by)""")
                .param("survivor", survivor.id())
                .param("merged", merged.id())
                .param("externalId", merged.externalId())
                .param("cardNumber", merged.cardNumber())
                .param("name", merged.name())
                .param("moved", json.writeValueAsString(moved))
                .param("at", timestamptz(clock.instant()))
                .param("by", Actor.current().name())
                .update();
    }
}
