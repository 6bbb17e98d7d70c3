package io.clientele.campaign.response;

import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.SuppressionReason;
import io.clientele.customer.ConsentChannel;
import io.clientele.customer.Consents;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the public tracking endpoints do: an open, a click and an unsubscribe, each only for a link whose signature
 * holds. Nothing here needs a signed-in person; the signature is the authority.
 */
@Service
public class Tracking {
    /** Opens of the same message within this span count once: mail clients and proxies fetch the pixel repeatedly. */
    static final Duration OPEN_REPEAT = Duration.ofMinutes(1);

    static final String UNSUBSCRIBE_SOURCE = "unsubscribe";

    private final TrackingLinks links;
    private final CampaignResponses responses;
    private final Consents consents;
    private final JdbcClient jdbc;
    private final Clock clock;

    Tracking(TrackingLinks links, CampaignResponses responses, Consents consents, JdbcClient jdbc, Clock clock) {
        this.links = links;
        this.responses = responses;
        this.consents = consents;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an open of a genuine pixel link; a forged one records nothing. */
    public void open(String token) {
        links.verifyOpen(token).ifPresent(target -> {
            Instant now = clock.instant();
            boolean repeat = jdbc.sql("""
                            select exists (select 1 from campaign_response
                                           where step_id = :step and customer_id = :customer and kind = 'OPENED'
                                             and at > :since)""")
                    .param("step", target.stepId())
                    .param("customer", target.customerId())
                    .param("since", Timestamp.from(now.minus(OPEN_REPEAT)))
                    .query(Boolean.class)
                    .single();
            if (!repeat) {
                responses.record(new CampaignResponses.Response(
                        target.stepId(), target.customerId(), ResponseKind.OPENED, now, null, null, null));
            }
        });
    }

    /**
     * Records a click and answers where to send the person: the exact address the link was signed with, and only an
     * http(s) one; empty for a forged or tampered link.
     */
    public Optional<URI> click(String token, @Nullable String target) {
        if (target == null) {
            return Optional.empty();
        }
        Optional<URI> uri = webAddress(target);
        Optional<TrackingLinks.Target> verified = links.verifyClick(token, target);
        if (uri.isEmpty() || verified.isEmpty()) {
            return Optional.empty();
        }
        TrackingLinks.Target t = verified.get();
        responses.record(new CampaignResponses.Response(
                t.stepId(), t.customerId(), ResponseKind.CLICKED, clock.instant(), target, null, null));
        return uri;
    }

    private static Optional<URI> webAddress(String target) {
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri)
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The address an unsubscribe link was sent to, masked for the page; empty for a forged link. */
    public Optional<String> unsubscribeAddress(String token) {
        return links.verifyUnsubscribe(token).flatMap(this::address).map(Tracking::mask);
    }

    /**
     * Unsubscribes the customer from marketing email: the response (once), the email consent refused (when it is
     * still granted) and the customer on the email suppression list, all or nothing. Repeating it changes nothing.
     * Empty for a forged link; otherwise the masked address.
     */
    @Transactional
    public Optional<String> unsubscribe(String token) {
        Optional<TrackingLinks.Target> verified = links.verifyUnsubscribe(token);
        Optional<String> address = verified.flatMap(this::address);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        TrackingLinks.Target target = verified.get();
        Instant now = clock.instant();
        responses.record(new CampaignResponses.Response(
                target.stepId(), target.customerId(), ResponseKind.UNSUBSCRIBED, now, null, null, UNSUBSCRIBE_SOURCE));
        boolean granted = jdbc.sql("""
                        select coalesce((select granted from customer_consent
                                         where customer_id = :customer and channel = 'EMAIL'), false)""")
                .param("customer", target.customerId())
                .query(Boolean.class)
                .single();
        if (granted) {
            consents.record(target.customerId(), ConsentChannel.EMAIL, false, UNSUBSCRIBE_SOURCE);
        }
        jdbc.sql("""
                        insert into suppression (channel, customer_id, reason, note, added_by, added_at)
                        values ('EMAIL', :customer, :reason, :note, 'system', :at)
                        on conflict do nothing""")
                .param("customer", target.customerId())
                .param("reason", SuppressionReason.UNSUBSCRIBED.name())
                .param("note", "step " + target.stepId())
                .param("at", Timestamp.from(now))
                .update();
        return address.map(Tracking::mask);
    }

    /** The address the step reached the customer at (their email when the step used none); empty: never sent. */
    private Optional<String> address(TrackingLinks.Target target) {
        return jdbc.sql("""
                        select coalesce(m.address, c.email, '') from campaign_member m
                        join customer c on c.id = m.customer_id
                        where m.step_id = :step and m.customer_id = :customer and m.member_group = 'TREATED'""")
                .param("step", target.stepId())
                .param("customer", target.customerId())
                .query(String.class)
                .optional();
    }

    /** {@code j•••@example.com}: enough for the person to recognise, too little for a stranger holding the link. */
    static String mask(String address) {
        int at = address.indexOf('@');
        if (at < 0) {
            return address.length() <= 4 ? "•••" : "•••" + address.substring(address.length() - 4);
        }
        return (at == 0 ? "" : address.substring(0, 1)) + "•••" + address.substring(at);
    }
}
