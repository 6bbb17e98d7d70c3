package io.clientele.identity;

import java.util.Arrays;
import java.util.Optional;

/** What an API token may do. Signed-in people get the scopes of their {@link Role}. */
public enum ApiScope {
    CUSTOMERS_READ("customers:read"),
    CUSTOMERS_WRITE("customers:write"),
    CUSTOMERS_MERGE("customers:merge"),
    SALES_WRITE("sales:write"),
    ANALYTICS_READ("analytics:read"),
    /** Start scoring runs. */
    ANALYTICS_RUN("analytics:run"),
    CAMPAIGNS_READ("campaigns:read"),
    /** Plan campaigns: create, change, submit, schedule, cancel. */
    CAMPAIGNS_WRITE("campaigns:write"),
    /** Approve or reject submitted campaigns. */
    CAMPAIGNS_APPROVE("campaigns:approve"),
    /** Create and change saved segments, and export segment members (bulk personal data). */
    SEGMENTS_WRITE("segments:write"),
    /** Read the audit trail: administrators only, among people. */
    AUDIT_READ("audit:read"),
    /** Export everything held about a customer, and erase a customer (GDPR): administrators only, among people. */
    PRIVACY_MANAGE("privacy:manage"),
    /** Read leads, opportunities and the pipeline (a salesperson only their own). */
    LEADS_READ("leads:read"),
    /** Create, work, convert and reassign leads, and move opportunities (a salesperson only their own). */
    LEADS_WRITE("leads:write"),
    /** Configure sales: the pipeline's stages, the response rules that make leads, the assignment settings. */
    LEADS_MANAGE("leads:manage"),
    /** Read members' cards, balances and statements, and the programme's reports. */
    LOYALTY_READ("loyalty:read"),
    /** Issue, link, replace and block cards; propose manual adjustments. */
    LOYALTY_WRITE("loyalty:write"),
    /** Set the programme, its rules and tiers; approve manual adjustments. */
    LOYALTY_MANAGE("loyalty:manage"),
    /** Read service requests, their conversations and the queues. */
    SERVICE_READ("service:read"),
    /** Create and work service requests: assign, note, reply, resolve, close, rate, merge. */
    SERVICE_WRITE("service:write"),
    /** Configure service: the queues (agents, escalation manager), the routing rules, the SLA targets. */
    SERVICE_MANAGE("service:manage"),
    /** Read suppliers' figures: sell-through of their brands, their promotions and settlements, shared segments' sizes. */
    SUPPLIERS_READ("suppliers:read"),
    /** Define suppliers, their brands, users, shared segments and promotions; recompute and close settlements. */
    SUPPLIERS_MANAGE("suppliers:manage"),
    /** Set salespeople's revenue targets (a store manager only their stores' salespeople). */
    TARGETS_WRITE("targets:write"),
    /** Work an event's door: see its registrations, register a customer at the desk, check people in, import scans. */
    EVENTS_CHECKIN("events:checkin");

    private final String code;

    ApiScope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The Spring Security authority, e.g. {@code SCOPE_customers:read}. */
    public String authority() {
        return "SCOPE_" + code;
    }

    public static Optional<ApiScope> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
