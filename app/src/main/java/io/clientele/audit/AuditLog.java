package io.clientele.audit;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.PageResult;
import io.clientele.platform.db.Rows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit trail for administrators: {@link AuditQuery} filters as bind parameters, newest first. */
@Service
class AuditLog {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    PageResult<AuditEvent> search(AuditQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (query.user() != null) {
            where.add("actor = :user");
            params.put("user", query.user());
        }
        if (query.entity() != null) {
            where.add("entity = :entity");
            params.put("entity", query.entity());
        }
        if (query.entityId() != null) {
            where.add("entity_id = :entityId");
            params.put("entityId", query.entityId());
        }
        if (query.action() != null) {
            // the action or any below it; starts_with needs no escaping of LIKE's wildcards
            where.add("(action = :action or starts_with(action, :action || '.'))");
            params.put("action", query.action());
        }
        if (query.from() != null) {
            where.add("occurred_at >= :from");
            params.put(
                    "from",
                    timestamptz(query.from().atStartOfDay(clock.getZone()).toInstant()));
        }
        if (query.to() != null) {
            where.add("occurred_at < :to");
            params.put(
                    "to",
                    timestamptz(
                            query.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
        }
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.sql("select count(*) from audit_event" + filter)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<AuditEvent> events = jdbc.sql(
                        "select id, occurred_at, actor, action, entity, entity_id, details::text as details from audit_event"
                                + filter + " order by occurred_at desc, id desc limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> new AuditEvent(
                        rs.getLong("id"),
                        Rows.instant(rs, "occurred_at"),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("entity"),
                        rs.getString("entity_id"),
                        json.readTree(rs.getString("details"))))
                .list();
        return new PageResult<>(events, query.page(), query.size(), total);
    }
}
