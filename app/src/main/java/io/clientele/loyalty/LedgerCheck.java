package io.clientele.loyalty;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proves the ledger from its rows, in one snapshot: every movement's legs, with those of the movements it balances
 * (a chunk of receipts' system side, {@code balanced_by}), sum to zero, and so do every period's; every
 * member's kept balance equals the sum of its entries, no balance and no lot is below zero, every leg belongs to a
 * movement and every lot is a movement that credited it. Each finding is a count of offending rows; all zero is a
 * sound ledger.
 */
@Service
public class LedgerCheck {
    private final JdbcClient jdbc;

    LedgerCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the check found: the counts it read, and per finding the rows that break it. */
    public record Result(long movements, long entries, long members, Map<String, Long> problems) {
        public boolean sound() {
            return problems.values().stream().allMatch(count -> count == 0);
        }
    }

    private static final Map<String, String> FINDINGS = new LinkedHashMap<>();

    static {
        FINDINGS.put("unbalancedMovements", """
                select count(*) from (select coalesce(m.balanced_by, m.id) from loyalty_entry e
                                      join loyalty_movement m on m.id = e.movement_id
                                      group by 1 having sum(e.points) <> 0) x""");
        FINDINGS.put("unbalancedPeriods", """
                select count(*) from (select date_trunc('month', m.at) from loyalty_entry e
                                      join loyalty_movement m on m.id = e.movement_id
                                      group by 1 having sum(e.points) <> 0) x""");
        FINDINGS.put("balancesNotTheirMovements", """
                select count(*) from loyalty_account a
                where a.kind = 'MEMBER'
                  and a.balance <> (select coalesce(sum(points), 0) from loyalty_entry e where e.account_id = a.id)""");
        FINDINGS.put("negativeBalances", "select count(*) from loyalty_account where kind = 'MEMBER' and balance < 0");
        FINDINGS.put("negativeLots", """
                select count(*) from (select 1 from loyalty_entry where lot_id is not null
                                      group by account_id, lot_id having sum(points) < 0) x""");
        FINDINGS.put("legsWithoutMovement", """
                select count(*) from loyalty_entry e
                where not exists (select 1 from loyalty_movement m where m.id = e.movement_id)""");
        FINDINGS.put("movementsWithoutLegs", """
                select count(*) from loyalty_movement m
                where not exists (select 1 from loyalty_entry e where e.movement_id = m.id)""");
        FINDINGS.put("lotsNeverCredited", """
                select count(*) from (select distinct lot_id from loyalty_entry where lot_id is not null) l
                where not exists (select 1 from loyalty_movement m where m.id = l.lot_id and m.expires_at is not null)""");
        FINDINGS.put("legsOnUnknownAccounts", """
                select count(*) from loyalty_entry e
                where not exists (select 1 from loyalty_account a where a.id = e.account_id)""");
    }

    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public Result run() {
        Map<String, Long> problems = new LinkedHashMap<>();
        FINDINGS.forEach((name, sql) -> problems.put(name, count(sql)));
        return new Result(
                count("select count(*) from loyalty_movement"),
                count("select count(*) from loyalty_entry"),
                count("select count(*) from loyalty_account where kind = 'MEMBER'"),
                problems);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
