package io.clientele.sales;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How leads without an owner are dealt: each salesperson's capacity of open leads, the seniors for grade A. */
@Service
public class LeadSettings {
    public record Settings(
            @Nullable Integer capacity, @Nullable List<String> seniors) {}

    private final JdbcClient jdbc;
    private final Leads leads;

    LeadSettings(JdbcClient jdbc, Leads leads) {
        this.jdbc = jdbc;
        this.leads = leads;
    }

    public Settings get() {
        return jdbc.sql("select capacity, seniors from lead_settings")
                .query((rs, n) -> new Settings(rs.getInt("capacity"), List.of((String[])
                        rs.getArray("seniors").getArray())))
                .single();
    }

    @Transactional
    public Settings change(Settings input) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.capacity() == null || input.capacity() < 1 || input.capacity() > 100_000) {
            problems.add(FieldProblem.of("capacity", "validation.between", 1, 100_000));
        }
        List<String> seniors = input.seniors() == null ? List.of() : input.seniors();
        seniors.forEach(s -> leads.ownerProblem(s)
                .map(p -> FieldProblem.of("seniors", p.code(), p.args().toArray()))
                .ifPresent(problems::add));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("update lead_settings set capacity = :capacity, seniors = :seniors")
                .param("capacity", input.capacity())
                .param("seniors", seniors.stream().distinct().toArray(String[]::new))
                .update();
        return get();
    }
}
