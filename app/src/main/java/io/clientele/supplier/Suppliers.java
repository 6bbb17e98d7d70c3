package io.clientele.supplier;

import io.clientele.audit.AuditTrail;
import io.clientele.identity.Role;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suppliers, their brands, their people and the segments shared with them; and who may see which supplier: a person
 * of the role {@code SUPPLIER} only the one it is linked to (any other is "not found", so that a supplier cannot
 * even learn which ids exist), everyone else who reads suppliers all of them.
 */
@Service
public class Suppliers {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;

    Suppliers(JdbcClient jdbc, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    public record Supplier(long id, String name, List<String> brands) {}

    public record SupplierInput(
            @Nullable String name, @Nullable List<String> brands) {}

    /** The suppliers the signed-in person may see, by name. */
    public List<Supplier> visible() {
        Optional<Long> own = ownSupplier();
        if (linkedSupplierOnly() && own.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + (own.isPresent() ? " where s.id = :id" : "") + " group by s.id order by lower(s.name)")
                .params(own.isPresent() ? Map.of("id", own.get()) : Map.of())
                .query(Suppliers::supplier)
                .list();
    }

    /** The supplier, if the signed-in person may see it; else (or when there is none) {@link NotFoundException}. */
    public Supplier get(long id) {
        if (linkedSupplierOnly() && !ownSupplier().equals(Optional.of(id))) {
            throw new NotFoundException("No supplier " + id);
        }
        return jdbc.sql(SELECT + " where s.id = :id group by s.id")
                .param("id", id)
                .query(Suppliers::supplier)
                .optional()
                .orElseThrow(() -> new NotFoundException("No supplier " + id));
    }

    /** The supplier a person of the role SUPPLIER is linked to. */
    Optional<Long> ownSupplier() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !linkedSupplierOnly()) {
            return Optional.empty();
        }
        return jdbc.sql("select supplier_id from supplier_user where username = :user")
                .param("user", who.getName())
                .query(Long.class)
                .optional();
    }

    /** Whether the signed-in person is a supplier's, and so sees its own supplier only. */
    static boolean linkedSupplierOnly() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who != null
                && who.getAuthorities().stream()
                        .anyMatch(a -> Role.SUPPLIER.authority().equals(a.getAuthority()));
    }

    /** A new supplier with its brands; a brand that another supplier owns is refused. */
    @Transactional
    public Supplier create(SupplierInput input, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = InputFields.required("name", input.name(), 200, problems);
        List<String> brands = brands(input.brands(), problems);
        if (name != null
                && jdbc.sql("select count(*) from supplier where lower(name) = lower(:name)")
                                .param("name", name)
                                .query(Long.class)
                                .single()
                        > 0) {
            problems.add(FieldProblem.of("name", "supplier.name.taken", name));
        }
        ownedElsewhere(brands, 0, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // (two managers naming the same supplier at once: the unique index refuses the second)
        long id = jdbc.sql("""
                        insert into supplier (name, created_by, created_at) values (:name, :actor, :now)
                        returning id""")
                .param("name", name)
                .param("actor", actor)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        brands.forEach(brand -> insertBrand(id, brand));
        audit.recordAs(actor, "supplier.create", "supplier", id, Map.of("name", name, "brands", brands));
        return get(id);
    }

    /** Adds brands to a supplier; one it owns already is no change, one another supplier owns is refused. */
    @Transactional
    public Supplier addBrands(long id, @Nullable List<String> wanted, String actor) {
        Supplier supplier = get(id);
        List<FieldProblem> problems = new ArrayList<>();
        List<String> brands = brands(wanted, problems);
        ownedElsewhere(brands, id, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        brands.stream().filter(b -> !supplier.brands().contains(b)).forEach(brand -> insertBrand(id, brand));
        audit.recordAs(actor, "supplier.brands", "supplier", id, Map.of("brands", brands));
        return get(id);
    }

    private void insertBrand(long supplierId, String brand) {
        jdbc.sql("insert into supplier_brand (brand, supplier_id) values (:brand, :id)")
                .param("brand", brand)
                .param("id", supplierId)
                .update();
    }

    private static List<String> brands(@Nullable List<String> given, List<FieldProblem> problems) {
        Set<String> brands = new LinkedHashSet<>();
        for (String brand : given == null ? List.<String>of() : given) {
            String value = InputFields.trimmed(brand);
            if (value == null) {
                continue;
            }
            if (value.length() > 200) {
                problems.add(FieldProblem.of("brands", "validation.length", 200));
                return List.of();
            }
            brands.add(value);
        }
        if (brands.isEmpty()) {
            problems.add(FieldProblem.of("brands", "validation.required"));
        }
        return List.copyOf(brands);
    }

    /** Brands owned by a supplier other than {@code supplierId} (0: by any), which are refused. */
    private void ownedElsewhere(List<String> brands, long supplierId, List<FieldProblem> problems) {
        List<String> taken = jdbc.sql("""
                        select b.brand || ' (' || s.name || ')' from supplier_brand b join supplier s on s.id = b.supplier_id
                        where b.brand = any(:brands) and b.supplier_id <> :id order by b.brand""")
                .param("brands", brands.toArray(String[]::new))
                .param("id", supplierId)
                .query(String.class)
                .list();
        if (!taken.isEmpty()) {
            problems.add(FieldProblem.of("brands", "supplier.brand.owned", String.join(", ", taken)));
        }
    }

    /** The people of the supplier, by user name. */
    public List<String> users(long id) {
        get(id);
        return jdbc.sql("select username from supplier_user where supplier_id = :id order by username")
                .param("id", id)
                .query(String.class)
                .list();
    }

    /** Links a person of the role SUPPLIER to the supplier; one linked to another supplier is refused. */
    @Transactional
    public void linkUser(long id, @Nullable String username, String actor) {
        get(id);
        List<FieldProblem> problems = new ArrayList<>();
        String name = InputFields.required("username", username, 40, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String role = jdbc.sql("select role from app_user where username = :user")
                .param("user", name)
                .query(String.class)
                .optional()
                .orElse(null);
        if (!Role.SUPPLIER.name().equals(role)) {
            throw new InvalidInputException(FieldProblem.of("username", "supplier.user.role", name));
        }
        Optional<Long> linked = jdbc.sql("select supplier_id from supplier_user where username = :user for update")
                .param("user", name)
                .query(Long.class)
                .optional();
        if (linked.isPresent() && linked.get() != id) {
            throw new InvalidInputException(FieldProblem.of("username", "supplier.user.taken", name));
        }
        if (linked.isEmpty()) {
            jdbc.sql("insert into supplier_user (username, supplier_id) values (:user, :id) on conflict do nothing")
                    .param("user", name)
                    .param("id", id)
                    .update();
            audit.recordAs(actor, "supplier.user", "supplier", id, Map.of("username", name));
        }
    }

    private static final String SELECT = """
            select s.id, s.name, coalesce(array_agg(b.brand order by b.brand) filter (where b.brand is not null), '{}')
            from supplier s left join supplier_brand b on b.supplier_id = s.id""";

    private static Supplier supplier(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Supplier(rs.getLong(1), rs.getString(2), List.of((String[])
                rs.getArray(3).getArray()));
    }
}
