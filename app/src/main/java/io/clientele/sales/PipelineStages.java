package io.clientele.sales;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sales pipeline: stages in order, each with the probability that an opportunity there is won. The stages whose
 * outcome is WON or LOST close an opportunity; a manager adds and changes the open stages.
 */
@Service
public class PipelineStages {
    public record Stage(
            int id,
            String name,
            int position,
            int probability,
            @Nullable String outcome) {
        public boolean closed() {
            return outcome != null;
        }
    }

    /** A stage to add or change; position orders it among the others. */
    public record StageInput(
            @Nullable String name,
            @Nullable Integer position,
            @Nullable Integer probability) {}

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    PipelineStages(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Stage> all() {
        return jdbc.sql("select id, name, position, probability, outcome from pipeline_stage order by position")
                .query((rs, n) -> new Stage(
                        rs.getInt("id"),
                        rs.getString("name"),
                        rs.getInt("position"),
                        rs.getInt("probability"),
                        rs.getString("outcome")))
                .list();
    }

    /** A stage by its name (case-insensitive) or its id. */
    public Optional<Stage> named(String nameOrId) {
        return all().stream()
                .filter(s -> s.name().equalsIgnoreCase(nameOrId)
                        || String.valueOf(s.id()).equals(nameOrId))
                .findFirst();
    }

    List<String> names() {
        return all().stream().map(Stage::name).toList();
    }

    /** Adds an open stage (positions after it move down by one). */
    @Transactional
    public Stage add(StageInput input) {
        validate(input, null);
        int position = input.position() == null ? all().size() + 1 : input.position();
        // two steps, so the unique position never collides mid-statement
        jdbc.sql("update pipeline_stage set position = -position - 1 where position >= :p")
                .param("p", position)
                .update();
        jdbc.sql("update pipeline_stage set position = -position where position < 0")
                .update();
        int id = jdbc.sql("""
                        insert into pipeline_stage (name, position, probability) values (:name, :position, :probability)
                        returning id""")
                .param("name", input.name().strip())
                .param("position", position)
                .param("probability", input.probability())
                .query(Integer.class)
                .single();
        Stage added = byId(id);
        audit.record("pipeline.stage.added", "pipeline_stage", id, Map.of("stage", added));
        return added;
    }

    /** Renames a stage or changes its probability (a closed stage keeps its 100 or 0). */
    @Transactional
    public Stage update(int id, StageInput input) {
        Stage current = byId(id);
        validate(input, id);
        jdbc.sql("update pipeline_stage set name = :name, probability = :probability where id = :id")
                .param("name", input.name().strip())
                .param("probability", current.closed() ? current.probability() : input.probability())
                .param("id", id)
                .update();
        Stage changed = byId(id);
        audit.record("pipeline.stage.changed", "pipeline_stage", id, Map.of("from", current, "to", changed));
        return changed;
    }

    Stage byId(int id) {
        return all().stream()
                .filter(s -> s.id() == id)
                .findFirst()
                .orElseThrow(() -> new io.clientele.platform.NotFoundException("No pipeline stage " + id));
    }

    private void validate(StageInput input, @Nullable Integer id) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.name() == null || input.name().isBlank()) {
            problems.add(FieldProblem.of("name", "validation.required"));
        } else if (input.name().strip().length() > 60) {
            problems.add(FieldProblem.of("name", "validation.length", 60));
        } else if (all().stream()
                .anyMatch(s -> s.name().equalsIgnoreCase(input.name().strip()) && (id == null || s.id() != id))) {
            problems.add(FieldProblem.of("name", "validation.inUse"));
        }
        if (input.probability() == null || input.probability() < 0 || input.probability() > 100) {
            problems.add(FieldProblem.of("probability", "validation.percent"));
        }
        if (input.position() != null && (input.position() < 1 || input.position() > all().size() + 1)) {
            problems.add(FieldProblem.of("position", "validation.between", 1, all().size() + 1));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
