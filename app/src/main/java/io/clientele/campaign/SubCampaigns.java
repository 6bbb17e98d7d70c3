package io.clientele.campaign;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Child campaigns started by a journey's node: one per parent and node, created as a draft (it is planned, approved
 * and launched as any campaign) on the first arrival, its budget a line drawn from the parent's budget; the customers
 * who reach the node are its entrants, the audience it launches with besides any segments.
 */
@Service
public class SubCampaigns {
    private final JdbcClient jdbc;
    private final Campaigns campaigns;

    SubCampaigns(JdbcClient jdbc, Campaigns campaigns) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
    }

    /** A child of a campaign: its id, name, status, budget and entrants so far. */
    public record Child(long id, String node, String name, CampaignStatus status, BigDecimal budget, long entrants) {}

    /** The parent's budget total less the budgets of its children. */
    public BigDecimal remaining(long parentId) {
        return jdbc.sql("""
                        select coalesce((select sum(amount) from campaign_budget_line where campaign_id = :id), 0)
                             - coalesce((select sum(l.amount) from campaign_budget_line l
                                         join campaign c on c.id = l.campaign_id
                                         where c.parent_campaign_id = :id), 0)""").param("id", parentId).query(BigDecimal.class).single();
    }

    public List<Child> children(long parentId) {
        return jdbc.sql("""
                        select c.id, c.parent_node, c.name, c.status,
                               coalesce((select sum(amount) from campaign_budget_line where campaign_id = c.id), 0),
                               (select count(*) from campaign_entrant e where e.campaign_id = c.id)
                        from campaign c where c.parent_campaign_id = :id order by c.id""")
                .param("id", parentId)
                .query((rs, n) -> new Child(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        CampaignStatus.valueOf(rs.getString(4)),
                        rs.getBigDecimal(5),
                        rs.getLong(6)))
                .list();
    }

    /**
     * Makes the customers entrants of the child campaign the parent's node starts, creating it on the first call (a
     * draft owned by the parent's owner, with the parent's purpose and one budget line of {@code budget}). The parent's
     * row is locked, so two processes create one child; a customer entered already changes nothing.
     *
     * @throws IllegalStateException when the parent's remaining budget is smaller than {@code budget} (journeys check
     *     it at submission)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long admit(long parentId, String node, String name, BigDecimal budget, long[] customers, Instant at) {
        campaigns.lockedStatus(parentId);
        long child = jdbc.sql("select id from campaign where parent_campaign_id = :id and parent_node = :node")
                .param("id", parentId)
                .param("node", node)
                .query(Long.class)
                .optional()
                .orElseGet(() -> create(parentId, node, name, budget));
        jdbc.sql("""
                        insert into campaign_entrant (campaign_id, customer_id, entered_at)
                        select :child, unnest(:customers), :at
                        on conflict do nothing""")
                .param("child", child)
                .param("customers", Arrays.stream(customers).boxed().toArray(Long[]::new))
                .param("at", Timestamp.from(at))
                .update();
        return child;
    }

    private long create(long parentId, String node, String name, BigDecimal budget) {
        if (remaining(parentId).compareTo(budget) < 0) {
            throw new IllegalStateException("campaign " + parentId + " has less budget left than " + budget);
        }
        Campaign parent = campaigns.find(parentId);
        CampaignInput input = new CampaignInput(
                name,
                parent.plan().purpose().name(),
                "Started by " + parent.plan().name() + " (" + node + ")",
                parent.plan().name(),
                parent.plan().owner(),
                null,
                null,
                null,
                null,
                List.of(new CampaignInput.BudgetLineInput(
                        CostType.OTHER.name(), "From " + parent.plan().name(), budget.toPlainString())));
        long child = campaigns.create(input, parent.plan().owner()).id();
        jdbc.sql("update campaign set parent_campaign_id = :parent, parent_node = :node where id = :id")
                .param("parent", parentId)
                .param("node", node)
                .param("id", child)
                .update();
        return child;
    }
}
