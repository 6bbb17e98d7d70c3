package io.clientele.loyalty;

import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.StorableText;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Membership cards. A card opens a member account when issued (with or without its holder: a card handed out at the
 * till before the customer registers is linked later), a customer's further cards join their account, a lost card
 * is replaced by a new one on the same account (the balance is the account's, so it moves with the holder), and a
 * blocked card neither earns nor pays.
 */
@Service
public class LoyaltyCards {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    LoyaltyCards(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** A card and the account it is on; {@code customerId} is null until its holder registers. */
    public record Card(
            String cardNumber, long accountId, @Nullable Long customerId, Status status) {}

    public enum Status {
        ACTIVE,
        BLOCKED,
        REPLACED
    }

    private static final String SELECT = """
            select c.card_number, c.account_id, a.customer_id, c.status
            from loyalty_card c join loyalty_account a on a.id = c.account_id""";

    private static Card card(java.sql.ResultSet rs, int row) throws SQLException {
        return new Card(rs.getString(1), rs.getLong(2), rs.getObject(3, Long.class), Status.valueOf(rs.getString(4)));
    }

    public Optional<Card> find(String cardNumber) {
        return jdbc.sql(SELECT + " where c.card_number = :card")
                .param("card", cardNumber)
                .query(LoyaltyCards::card)
                .optional();
    }

    /** A customer's cards, the active ones first, the newest first among them. */
    public List<Card> ofCustomer(long customerId) {
        return jdbc.sql(SELECT + " where a.customer_id = :customer order by c.status <> 'ACTIVE', c.issued_at desc")
                .param("customer", customerId)
                .query(LoyaltyCards::card)
                .list();
    }

    Card get(String cardNumber) {
        return find(cardNumber).orElseThrow(() -> new NotFoundException("no card " + cardNumber));
    }

    /** Issues a card: on the customer's account (opened now if they have none), or on a new account of its own. */
    @Transactional
    public Card issue(String cardNumber, @Nullable Long customerId) {
        String number = checkNumber("cardNumber", cardNumber);
        Optional<Card> existing = find(number);
        if (existing.isPresent()) {
            if (customerId != null && customerId.equals(existing.get().customerId())) {
                return existing.get();
            }
            throw new InvalidInputException(FieldProblem.of("cardNumber", "loyalty.card.taken", number));
        }
        Long account = customerId == null ? null : accountOf(customerId);
        if (account == null) {
            account = openAccount(customerId);
            if (customerId != null) {
                events.publishEvent(new MemberJoined(customerId, account, clock.instant()));
            }
        }
        jdbc.sql("insert into loyalty_card (card_number, account_id, issued_at) values (:card, :account, :now)")
                .param("card", number)
                .param("account", account)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return get(number);
    }

    /** Gives a card handed out before registration its holder. */
    @Transactional
    public Card link(String cardNumber, long customerId) {
        Card card = get(cardNumber);
        if (card.customerId() != null) {
            if (card.customerId() == customerId) {
                return card;
            }
            throw new ConflictException("card " + cardNumber + " belongs to another customer");
        }
        if (accountOf(customerId) != null) {
            throw new ConflictException("customer " + customerId + " has a card already: replace it instead");
        }
        if (jdbc.sql("select count(*) from customer where id = :id")
                        .param("id", customerId)
                        .query(Long.class)
                        .single()
                == 0) {
            throw new InvalidInputException(FieldProblem.of("customerId", "loyalty.customer.unknown", customerId));
        }
        jdbc.sql("update loyalty_account set customer_id = :customer where id = :account")
                .param("customer", customerId)
                .param("account", card.accountId())
                .update();
        events.publishEvent(new MemberJoined(customerId, card.accountId(), clock.instant()));
        return get(cardNumber);
    }

    /** A lost or worn card: the new card takes over its account (and so its points), the old one is retired. */
    @Transactional
    public Card replace(String cardNumber, String newCardNumber) {
        Card old = lockCard(cardNumber);
        String number = checkNumber("newCardNumber", newCardNumber);
        if (old.status() == Status.REPLACED) {
            if (number.equals(replacedBy(cardNumber))) {
                return get(number);
            }
            throw new ConflictException("card " + cardNumber + " was replaced already");
        }
        if (find(number).isPresent()) {
            throw new InvalidInputException(FieldProblem.of("newCardNumber", "loyalty.card.taken", number));
        }
        jdbc.sql("insert into loyalty_card (card_number, account_id, issued_at) values (:card, :account, :now)")
                .param("card", number)
                .param("account", old.accountId())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        jdbc.sql("""
                        update loyalty_card set status = 'REPLACED', replaced_by = :new, changed_at = :now
                        where card_number = :old""")
                .param("new", number)
                .param("now", Timestamp.from(clock.instant()))
                .param("old", cardNumber)
                .update();
        return get(number);
    }

    @Transactional
    public Card block(String cardNumber) {
        Card card = lockCard(cardNumber);
        if (card.status() == Status.ACTIVE) {
            jdbc.sql("update loyalty_card set status = 'BLOCKED', changed_at = :now where card_number = :card")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("card", cardNumber)
                    .update();
        }
        return get(cardNumber);
    }

    /**
     * Enrols every customer who has a card number in the customer file and no loyalty card yet, on the caller's
     * connection and in its transaction (a bulk load's): one account and card each, issued when the customer joined.
     * Answers how many were enrolled.
     */
    public int enrolCustomersWithCards(Connection connection) throws SQLException {
        try (var enrol = connection.prepareStatement("""
                with enrolled as (
                    select c.id, c.card_number, coalesce(c.created_at, ?) as since from customer c
                    where c.card_number is not null
                      and not exists (select 1 from loyalty_card k where k.card_number = c.card_number)
                      and not exists (select 1 from loyalty_account a where a.customer_id = c.id)),
                opened as (
                    insert into loyalty_account (kind, customer_id, opened_at)
                    select 'MEMBER', id, since from enrolled
                    returning id, customer_id)
                insert into loyalty_card (card_number, account_id, issued_at)
                select e.card_number, o.id, e.since from enrolled e join opened o on o.customer_id = e.id""")) {
            enrol.setTimestamp(1, Timestamp.from(clock.instant()));
            return enrol.executeUpdate();
        }
    }

    private Card lockCard(String cardNumber) {
        jdbc.sql("select 1 from loyalty_card where card_number = :card for update")
                .param("card", cardNumber)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("no card " + cardNumber));
        return get(cardNumber);
    }

    private @Nullable String replacedBy(String cardNumber) {
        return jdbc.sql("select replaced_by from loyalty_card where card_number = :card")
                .param("card", cardNumber)
                .query(String.class)
                .single();
    }

    private @Nullable Long accountOf(long customerId) {
        return jdbc.sql("select id from loyalty_account where customer_id = :customer")
                .param("customer", customerId)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private long openAccount(@Nullable Long customerId) {
        return jdbc.sql("""
                        insert into loyalty_account (kind, customer_id, opened_at)
                        values ('MEMBER', :customer, :now) returning id""")
                .param("customer", customerId)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    private static String checkNumber(String field, @Nullable String cardNumber) {
        FieldProblem unstorable = StorableText.problem(field, cardNumber);
        if (unstorable != null) {
            throw new InvalidInputException(unstorable);
        }
        String number = cardNumber == null ? "" : cardNumber.strip();
        if (!number.matches("[A-Za-z0-9-]{4,40}")) {
            throw new InvalidInputException(FieldProblem.of(field, "loyalty.card.format"));
        }
        return number;
    }
}
