package io.clientele.identity;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The data scopes of people: the stores and regions a store manager or a salesperson works for
 * ({@code app_user_scope}, set by an administrator on the users page), and the {@link DataScope} of whoever is signed
 * in. People of the other roles, API tokens (limited by their scopes) and the system see all customers.
 */
@Service
public class UserDataScopes implements DataScopes {
    /** The roles limited to the customers of their stores and those they own. */
    public static final Set<Role> LIMITED = EnumSet.of(Role.STORE_MANAGER, Role.SALES);

    /**
     * The roles that may be given stores: the limited ones, and service agents, who are limited once given stores or
     * regions (an agent working for some stores; one given none works for all).
     */
    public static final Set<Role> ASSIGNABLE = EnumSet.of(Role.STORE_MANAGER, Role.SALES, Role.SERVICE_AGENT);

    private static final String CACHED = UserDataScopes.class.getName() + ".scope";

    /** A person's stores and regions as given. */
    public record Assignment(List<String> stores, List<String> regions) {}

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    UserDataScopes(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public DataScope current() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null
                || !who.isAuthenticated()
                || who instanceof AnonymousAuthenticationToken
                || who.getName().startsWith("token:")
                || who.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .noneMatch(UserDataScopes::assignable)) {
            return DataScope.ALL;
        }
        boolean limited = who.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(UserDataScopes::limited);
        // asked several times in one request (the path check, the profile, the list): read once per request
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return scope(who.getName(), limited);
        }
        DataScope cached = (DataScope) request.getAttribute(CACHED, RequestAttributes.SCOPE_REQUEST);
        if (cached == null) {
            cached = scope(who.getName(), limited);
            request.setAttribute(CACHED, cached, RequestAttributes.SCOPE_REQUEST);
        }
        return cached;
    }

    @Override
    public DataScope of(String username) {
        Role role = jdbc.sql("select role from app_user where username = :user")
                .param("user", username)
                .query(String.class)
                .optional()
                .map(Role::valueOf)
                .orElse(null);
        return role == null || !ASSIGNABLE.contains(role) ? DataScope.ALL : scope(username, LIMITED.contains(role));
    }

    /** A limited person's stores; an assignable one's only when given some, else all. */
    private DataScope scope(String username, boolean limited) {
        if (!limited
                && !jdbc.sql("select exists (select 1 from app_user_scope where username = :user)")
                        .param("user", username)
                        .query(Boolean.class)
                        .single()) {
            return DataScope.ALL;
        }
        return stores(username);
    }

    /** A limited person's stores: those given, and those of the regions given (a region stands for its stores). */
    private DataScope stores(String username) {
        List<String> stores =
                jdbc.sql("""
                        select s.code from store s
                        where s.code in (select code from app_user_scope where username = :user and kind = 'STORE')
                           or s.region_id in (select r.id from region r join app_user_scope a
                                                on a.kind = 'REGION' and a.code = r.code and a.username = :user)""").param("user", username).query(String.class).list();
        return new DataScope(Set.copyOf(stores), username);
    }

    private static boolean limited(String authority) {
        return LIMITED.stream().anyMatch(role -> role.authority().equals(authority));
    }

    private static boolean assignable(String authority) {
        return ASSIGNABLE.stream().anyMatch(role -> role.authority().equals(authority));
    }

    /** Everyone's stores and regions, by user name. */
    public Map<String, Assignment> all() {
        Map<String, Assignment> assignments = new java.util.TreeMap<>();
        jdbc.sql("select username, kind, code from app_user_scope order by username, kind, code")
                .query(rs -> {
                    Assignment current = assignments.computeIfAbsent(
                            rs.getString(1), u -> new Assignment(new ArrayList<>(), new ArrayList<>()));
                    (rs.getString(2).equals("STORE") ? current.stores() : current.regions()).add(rs.getString(3));
                });
        return assignments;
    }

    /**
     * Replaces a person's stores and regions, codes separated by commas or spaces; an unknown code is refused with
     * the field named and nothing changes.
     */
    @Transactional
    public Assignment assign(String username, String stores, String regions, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> storeCodes = known("stores", codes(stores), "store", problems);
        List<String> regionCodes = known("regions", codes(regions), "region", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("delete from app_user_scope where username = :user")
                .param("user", username)
                .update();
        for (String code : storeCodes) {
            insert(username, "STORE", code);
        }
        for (String code : regionCodes) {
            insert(username, "REGION", code);
        }
        audit.recordAs(actor, "user.scope", "app_user", username, Map.of("stores", storeCodes, "regions", regionCodes));
        return new Assignment(storeCodes, regionCodes);
    }

    private void insert(String username, String kind, String code) {
        jdbc.sql("insert into app_user_scope (username, kind, code) values (:user, :kind, :code)")
                .param("user", username)
                .param("kind", kind)
                .param("code", code)
                .update();
    }

    /** The codes, each of which must name a row of {@code table} (a constant: store or region). */
    private List<String> known(String field, List<String> codes, String table, List<FieldProblem> problems) {
        List<String> found = jdbc.sql("select code from " + table + " where code = any(:codes)")
                .param("codes", codes.toArray(String[]::new))
                .query(String.class)
                .list();
        List<String> unknown =
                codes.stream().filter(code -> !found.contains(code)).toList();
        if (!unknown.isEmpty()) {
            problems.add(FieldProblem.of(field, "validation.unknown", String.join(", ", unknown)));
        }
        return codes;
    }

    private static List<String> codes(String text) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : text.split("[,\\s]+")) {
            if (!code.isBlank()) {
                codes.add(code.strip().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return List.copyOf(codes);
    }
}
