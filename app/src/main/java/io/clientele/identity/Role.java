package io.clientele.identity;

import static io.clientele.identity.ApiScope.ANALYTICS_READ;
import static io.clientele.identity.ApiScope.ANALYTICS_RUN;
import static io.clientele.identity.ApiScope.CAMPAIGNS_APPROVE;
import static io.clientele.identity.ApiScope.CAMPAIGNS_READ;
import static io.clientele.identity.ApiScope.CAMPAIGNS_WRITE;
import static io.clientele.identity.ApiScope.CUSTOMERS_MERGE;
import static io.clientele.identity.ApiScope.CUSTOMERS_READ;
import static io.clientele.identity.ApiScope.CUSTOMERS_WRITE;
import static io.clientele.identity.ApiScope.EVENTS_CHECKIN;
import static io.clientele.identity.ApiScope.LEADS_MANAGE;
import static io.clientele.identity.ApiScope.LEADS_READ;
import static io.clientele.identity.ApiScope.LEADS_WRITE;
import static io.clientele.identity.ApiScope.LOYALTY_MANAGE;
import static io.clientele.identity.ApiScope.LOYALTY_READ;
import static io.clientele.identity.ApiScope.LOYALTY_WRITE;
import static io.clientele.identity.ApiScope.SALES_WRITE;
import static io.clientele.identity.ApiScope.SEGMENTS_WRITE;
import static io.clientele.identity.ApiScope.SERVICE_MANAGE;
import static io.clientele.identity.ApiScope.SERVICE_READ;
import static io.clientele.identity.ApiScope.SERVICE_WRITE;
import static io.clientele.identity.ApiScope.SUPPLIERS_MANAGE;
import static io.clientele.identity.ApiScope.SUPPLIERS_READ;
import static io.clientele.identity.ApiScope.TARGETS_WRITE;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of PRODUCT.md M9, each with the API scopes a signed-in person of that role has. Customers are edited by
 * marketing, service and store staff; only a marketing manager (and the administrator) merges duplicates. Saving
 * and exporting segments (bulk personal data) is for marketing and analysts; so is refreshing the scores (a scoring
 * run), which a marketer needs after an import before selecting on them. Salespeople work their own leads and
 * opportunities; the marketing manager (and the administrator) sees all of them and configures the pipeline. Store
 * staff look members up and issue cards; the marketing manager sets the loyalty programme and approves adjustments.
 * Service agents work service requests; the service manager also configures queues, routing and SLA targets, and
 * is who breached requests escalate to. A supplier (a brand owner's person) reads only its own supplier's aggregates
 * and nothing else of the application; the marketing manager defines suppliers and their promotions and closes their
 * settlements, and marketers read suppliers' figures. Marketing managers and store managers
 * (their stores') set salespeople's targets. Marketing builds forms and events
 * (campaign scopes); marketing and store staff check people in at an event's door.
 */
public enum Role {
    ADMIN(EnumSet.allOf(ApiScope.class)),
    MARKETING_MANAGER(EnumSet.of(
            CUSTOMERS_READ,
            CUSTOMERS_WRITE,
            CUSTOMERS_MERGE,
            ANALYTICS_READ,
            ANALYTICS_RUN,
            CAMPAIGNS_READ,
            CAMPAIGNS_WRITE,
            CAMPAIGNS_APPROVE,
            SEGMENTS_WRITE,
            LEADS_READ,
            LEADS_WRITE,
            LEADS_MANAGE,
            LOYALTY_READ,
            LOYALTY_WRITE,
            LOYALTY_MANAGE,
            SUPPLIERS_READ,
            SUPPLIERS_MANAGE,
            TARGETS_WRITE,
            EVENTS_CHECKIN)),
    MARKETER(EnumSet.of(
            CUSTOMERS_READ,
            CUSTOMERS_WRITE,
            ANALYTICS_READ,
            ANALYTICS_RUN,
            CAMPAIGNS_READ,
            CAMPAIGNS_WRITE,
            SEGMENTS_WRITE,
            LOYALTY_READ,
            SUPPLIERS_READ,
            EVENTS_CHECKIN)),
    ANALYST(EnumSet.of(CUSTOMERS_READ, ANALYTICS_READ, ANALYTICS_RUN, CAMPAIGNS_READ, SEGMENTS_WRITE)),
    SALES(EnumSet.of(CUSTOMERS_READ, LEADS_READ, LEADS_WRITE)),
    STORE_MANAGER(EnumSet.of(
            CUSTOMERS_READ,
            CUSTOMERS_WRITE,
            SALES_WRITE,
            ANALYTICS_READ,
            LOYALTY_READ,
            LOYALTY_WRITE,
            TARGETS_WRITE,
            EVENTS_CHECKIN)),
    SERVICE_AGENT(EnumSet.of(CUSTOMERS_READ, CUSTOMERS_WRITE, SERVICE_READ, SERVICE_WRITE, LOYALTY_READ)),
    SERVICE_MANAGER(EnumSet.of(
            CUSTOMERS_READ,
            CUSTOMERS_WRITE,
            ANALYTICS_READ,
            SERVICE_READ,
            SERVICE_WRITE,
            SERVICE_MANAGE,
            LOYALTY_READ)),
    SUPPLIER(EnumSet.of(SUPPLIERS_READ));

    /** The roles that may import files. */
    public static final Set<Role> IMPORTERS = EnumSet.of(ADMIN, MARKETING_MANAGER, MARKETER, STORE_MANAGER);

    private final Set<ApiScope> scopes;

    Role(Set<ApiScope> scopes) {
        this.scopes = scopes;
    }

    public Set<ApiScope> scopes() {
        return scopes;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** The page a person of this role starts on: a supplier has no dashboard, only its supplier's pages. */
    public String home() {
        return this == SUPPLIER ? "/suppliers" : "/";
    }
}
