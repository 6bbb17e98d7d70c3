package io.clientele.customer;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.identity.UserAccounts;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates customers and edits their profiles: checks every field (all problems at once, nothing stored when one
 * fails) and records each change, field by field, on the timeline and in the audit trail.
 */
@Service
public class CustomerEditor {
    private final JdbcClient jdbc;
    private final Customers customers;
    private final CustomerHistory history;
    private final UserAccounts users;
    private final JsonMapper json;
    private final Clock clock;

    CustomerEditor(
            JdbcClient jdbc,
            Customers customers,
            CustomerHistory history,
            UserAccounts users,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.history = history;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    /** The choices of the form's lists. */
    public record FormOptions(List<Option> regions, List<Option> stores, List<Option> owners) {}

    public record Option(String code, String name) {}

    /** One field's value before and after an edit. */
    public record Change(
            String field, @Nullable Object from, @Nullable Object to) {}

    /** @throws InvalidInputException naming every field that is wrong */
    @Transactional
    public long create(CustomerInput input) {
        CustomerInput checked = checked(null, input);
        long id = jdbc.sql("insert into customer (source, created_at, updated_at) values (:source, :now, :now) "
                        + "returning id")
                .param("source", Actor.current().source())
                .param("now", timestamptz(clock.instant()))
                .query(Long.class)
                .single();
        write(id, checked);
        Map<String, Object> fields = new LinkedHashMap<>();
        checked.fields().forEach((field, value) -> {
            if (value != null) {
                fields.put(field, value);
            }
        });
        history.record(id, InteractionKind.CREATED, customers.require(id).name(), Map.of("fields", fields));
        return id;
    }

    /**
     * Replaces every editable field (an empty one clears the field).
     *
     * @return the changes; none when the input equals what is stored, and then nothing is recorded
     * @throws InvalidInputException naming every field that is wrong
     */
    @Transactional
    public List<Change> update(long id, CustomerInput input) {
        lock(id);
        CustomerInput before = customers.require(id).toInput();
        CustomerInput after = checked(id, input);
        List<Change> changes = changes(before, after);
        if (!changes.isEmpty()) {
            write(id, after);
            history.record(
                    id,
                    InteractionKind.EDITED,
                    String.join(", ", changes.stream().map(Change::field).toList()),
                    Map.of("changes", changes));
        }
        return changes;
    }

    public FormOptions options() {
        return new FormOptions(
                jdbc.sql("select code, name from region order by name")
                        .query((rs, n) -> new Option(rs.getString("code"), rs.getString("name")))
                        .list(),
                jdbc.sql("select code, name from store order by name")
                        .query((rs, n) -> new Option(rs.getString("code"), rs.getString("name")))
                        .list(),
                // disabled users too: a customer keeps its owner until someone reassigns it
                users.all().stream()
                        .map(u -> new Option(u.username(), u.displayName()))
                        .toList());
    }

    /** Locks the customer's row for the rest of the transaction, so that edits and merges of it queue up. */
    void lock(long id) {
        if (jdbc.sql("select id from customer where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .optional()
                .isEmpty()) {
            throw customers.notFound(id);
        }
    }

    /** Field by field; {@code before} is normalised here, as stored data may predate the rules. */
    static List<Change> changes(CustomerInput before, CustomerInput after) {
        Map<String, @Nullable Object> old = before.normalised().fields();
        Map<String, @Nullable Object> updated = after.fields();
        List<Change> changes = new ArrayList<>();
        old.forEach((field, value) -> {
            if (!Objects.equals(value, updated.get(field))) {
                changes.add(new Change(field, value, updated.get(field)));
            }
        });
        updated.forEach((field, value) -> {
            if (!old.containsKey(field)) {
                changes.add(new Change(field, null, value));
            }
        });
        return changes;
    }

    /** Stores a normalised input as the profile; the caller has checked it, or takes it from stored profiles. */
    void write(long id, CustomerInput in) {
        try {
            jdbc.sql("""
                            update customer set
                                external_id = :externalId, card_number = :cardNumber, first_name = :firstName,
                                last_name = :lastName, gender = :gender, birth_date = :birthDate, email = :email,
                                phone = :phone, address_line = :addressLine, postal_code = :postalCode, city = :city,
                                region_id = (select id from region where code = :regionCode),
                                income_band = :incomeBand, occupation = :occupation, education = :education,
                                home_store_id = (select id from store where code = :homeStoreCode),
                                owner_username = :owner, custom_attributes = cast(:attributes as jsonb),
                                updated_at = :now
                            where id = :id""")
                    .param("id", id)
                    .param("externalId", in.externalId())
                    .param("cardNumber", in.cardNumber())
                    .param("firstName", in.firstName())
                    .param("lastName", in.lastName())
                    .param("gender", in.gender())
                    .param("birthDate", in.birthDate() == null ? null : LocalDate.parse(in.birthDate()))
                    .param("email", in.email())
                    .param("phone", in.phone())
                    .param("addressLine", in.addressLine())
                    .param("postalCode", in.postalCode())
                    .param("city", in.city())
                    .param("regionCode", in.regionCode())
                    .param("incomeBand", in.incomeBand())
                    .param("occupation", in.occupation())
                    .param("education", in.education())
                    .param("homeStoreCode", in.homeStoreCode())
                    .param("owner", in.owner())
                    .param("attributes", json.writeValueAsString(in.attributes()))
                    .param("now", timestamptz(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            // another request took the number between our check and this write
            String field = String.valueOf(e.getMessage()).contains("card_number") ? "cardNumber" : "externalId";
            throw new InvalidInputException(FieldProblem.of(field, "validation.inUse"));
        }
    }

    /**
     * Everything wrong with the input, without storing anything: for forms that add problems of their own, and for
     * imports that report per row.
     *
     * @param id the customer being edited, or null for a new one
     */
    public List<FieldProblem> problems(@Nullable Long id, CustomerInput input) {
        CustomerInput in = input.normalised();
        List<FieldProblem> problems = new ArrayList<>(CustomerValidator.check(in, LocalDate.now(clock)));
        unique(problems, id, "externalId", "external_id", "merged_external_id", in.externalId());
        unique(problems, id, "cardNumber", "card_number", "merged_card_number", in.cardNumber());
        known(problems, "regionCode", "region", in.regionCode());
        known(problems, "homeStoreCode", "store", in.homeStoreCode());
        if (in.owner() != null
                && users.all().stream().noneMatch(u -> u.username().equals(in.owner()))) {
            problems.add(FieldProblem.of("owner", "validation.unknown", in.owner()));
        }
        return problems;
    }

    private CustomerInput checked(@Nullable Long id, CustomerInput input) {
        List<FieldProblem> problems = problems(id, input);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return input.normalised();
    }

    /** A customer number or card belongs to one customer, and stays reserved for the survivor after a merge. */
    private void unique(
            List<FieldProblem> problems,
            @Nullable Long id,
            String field,
            String column,
            String mergedColumn,
            @Nullable String value) {
        if (value == null) {
            return;
        }
        long self = id == null ? -1 : id;
        jdbc.sql("select id from customer where %s = :value and id <> :self".formatted(column))
                .param("value", value)
                .param("self", self)
                .query(Long.class)
                .optional()
                .ifPresentOrElse(
                        owner -> problems.add(FieldProblem.of(field, "validation.taken", owner)),
                        () -> jdbc
                                .sql("select survivor_id from customer_merge where %s = :value and survivor_id <> :self"
                                        .formatted(mergedColumn))
                                .param("value", value)
                                .param("self", self)
                                .query(Long.class)
                                .list()
                                .stream()
                                .findFirst()
                                .ifPresent(survivor ->
                                        problems.add(FieldProblem.of(field, "validation.mergedInto", survivor))));
    }

    private void known(List<FieldProblem> problems, String field, String table, @Nullable String code) {
        if (code != null
                && jdbc.sql("select count(*) from %s where code = :code".formatted(table))
                                .param("code", code)
                                .query(Long.class)
                                .single()
                        == 0) {
            problems.add(FieldProblem.of(field, "validation.unknown", code));
        }
    }
}
