package io.clientele.membercomms;

import io.clientele.campaign.material.MergeFieldRegistry;
import org.springframework.stereotype.Component;

/**
 * The loyalty placeholders of materials, registered at start-up so that campaigns need not know loyalty: the
 * member's active card (the newest), balance and tier as they are when the message is sent; the points expiring next and when, and the lines
 * of the statement (the month, its opening and closing balance, points earned, redeemed and expired), as of the
 * member's latest statement or expiry warning ({@code member_message}, the figures its trigger found); the birthday
 * greeting's bonus points.
 */
@Component
class CommunicationFields {
    CommunicationFields(MergeFieldRegistry placeholders) {
        placeholders.add("loyalty_card", """
                select k.card_number from loyalty_card k join loyalty_account a on a.id = k.account_id
                where a.customer_id = c.id and k.status = 'ACTIVE' order by k.issued_at desc limit 1""");
        placeholders.add("points_balance", "select a.balance from loyalty_account a where a.customer_id = c.id");
        placeholders.add("loyalty_tier", """
                select t.name from loyalty_account a join loyalty_tier t on t.id = a.tier_id
                where a.customer_id = c.id""");
        placeholders.add("points_expiring", latest("expiring_points::text", "expiring_points is not null"));
        placeholders.add("points_expiring_on", latest("to_char(expiring_on, 'YYYY-MM-DD')", "expiring_on is not null"));
        placeholders.add("statement_month", latest("to_char(statement_month, 'YYYY-MM')", "programme = 'STATEMENT'"));
        placeholders.add("statement_opening", latest("opening::text", "programme = 'STATEMENT'"));
        placeholders.add("statement_earned", latest("earned::text", "programme = 'STATEMENT'"));
        placeholders.add("statement_redeemed", latest("redeemed::text", "programme = 'STATEMENT'"));
        placeholders.add("statement_expired", latest("expired::text", "programme = 'STATEMENT'"));
        placeholders.add("statement_closing", latest("closing::text", "programme = 'STATEMENT'"));
        placeholders.add("birthday_points", latest("bonus_points::text", "programme = 'BIRTHDAY'"));
    }

    private static String latest(String value, String which) {
        return "select " + value + " from member_message m where m.customer_id = c.id and m." + which
                + " order by m.triggered_at desc, m.id desc limit 1";
    }
}
