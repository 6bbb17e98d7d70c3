package io.clientele.segment;

import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Segments", description = "Condition trees over profile, score and behaviour fields")
class SegmentApi {
    private final SegmentQueries queries;
    private final FieldRegistry fields;

    SegmentApi(SegmentQueries queries, FieldRegistry fields) {
        this.queries = queries;
        this.fields = fields;
    }

    @PostMapping("/api/v1/segments/count")
    @Operation(
            summary = "How many customers a condition selects",
            description = "Body: {\"condition\": {...}} as in docs/segments.md. A wrong condition is a 400 whose detail"
                    + " names where it is wrong.")
    Map<String, Object> count(@RequestBody @Nullable JsonNode body) {
        Condition condition = condition(body);
        return Map.of("count", queries.count(condition));
    }

    @PostMapping("/api/v1/segments/members")
    @Operation(
            summary = "A page of the customers a condition selects, with their key scores",
            description = "sort: name (default), clv, profit, recency or since")
    PageResult<SegmentQueries.Member> members(
            @RequestBody @Nullable JsonNode body,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, 500);
        return queries.members(condition(body), sort, page, size);
    }

    private Condition condition(@Nullable JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidConditionException("body", "{\"condition\": {...}}");
        }
        return ConditionJson.read(body.get("condition"), fields);
    }
}
