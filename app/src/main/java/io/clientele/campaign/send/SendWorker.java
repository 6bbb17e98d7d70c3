package io.clientele.campaign.send;

import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.StepChannel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender: takes a batch of a due step's pending members (the claim commits first), renders them, hands them
 * over through one channel session, and records each sub-batch as soon as it is handed over, so that a crash leaves
 * at most one sub-batch, and never more than one claimed batch, UNCERTAIN. Any number of workers may run, in one
 * process or many: claims skip what another worker holds, so each member is handed over at most once. A worker
 * takes every due step, or those {@code takes} accepts.
 *
 * <p>A worker keeps each channel's session (its SMTP connections) open from one batch to the next: at a low rate
 * limit a batch is the few messages the throttle allows, and a connection per batch would be thousands of connections
 * for one campaign, which relays throttle. A session is closed after {@code keepOpenSeconds} without a batch (0:
 * after every batch), when its channel is found down or fails, and when the worker is {@link #close() closed}; a
 * connection the server dropped in between is opened again by the session itself.
 */
final class SendWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SendWorker.class);

    private final String name;
    private final SendStore store;
    private final MessageRenderer renderer;
    private final Map<StepChannel, Channel> channels;
    private final SendThrottle throttle;
    private final CampaignProperties campaign;
    private final SendProperties send;
    private final Predicate<CampaignStep> takes;
    // channels found down, and until when (System.nanoTime) this worker leaves their steps alone
    private final Map<StepChannel, Long> downUntil = new EnumMap<>(StepChannel.class);
    // the sessions kept open between batches, and when (System.nanoTime) each last handed a batch over
    private final Map<StepChannel, Channel.Session> sessions = new EnumMap<>(StepChannel.class);
    private final Map<StepChannel, Long> lastUsed = new EnumMap<>(StepChannel.class);

    SendWorker(
            String name,
            SendStore store,
            MessageRenderer renderer,
            Map<StepChannel, Channel> channels,
            SendThrottle throttle,
            CampaignProperties campaign,
            SendProperties send,
            Predicate<CampaignStep> takes) {
        this.takes = takes;
        this.name = name;
        this.store = store;
        this.renderer = renderer;
        this.channels = channels;
        this.throttle = throttle;
        this.campaign = campaign;
        this.send = send;
    }

    String name() {
        return name;
    }

    /**
     * Sends one batch of the first due step that has members to send, and closes the steps it finds done.
     *
     * @return 0 when it sent something (call again at once), otherwise how many milliseconds to wait
     */
    long runOnce() {
        closeIdleSessions();
        int uncertain = store.markUncertain(campaign.claimTimeoutSeconds());
        if (uncertain > 0) {
            log.warn("{} claimed messages were never recorded by their worker: UNCERTAIN, not sent again", uncertain);
        }
        long wait = send.pollMillis();
        for (CampaignStep step : store.dueSteps()) {
            if (!takes.test(step)) {
                continue;
            }
            Long down = downUntil.get(step.channel());
            if (down != null && System.nanoTime() - down < 0) {
                continue;
            }
            store.markSending(step.id());
            int allowed = throttle.take(step, campaign.batchSize());
            if (allowed == 0) {
                wait = Math.min(wait, Math.max(1, throttle.millisUntilNext(step)));
                continue;
            }
            List<SendStore.Claim> claims = store.claim(step.id(), name, allowed, send.retryDelaySeconds());
            if (claims.size() < allowed) {
                throttle.giveBack(step, allowed - claims.size());
            }
            if (!claims.isEmpty() && send(step, claims)) {
                downUntil.put(step.channel(), System.nanoTime() + send.retryDelaySeconds() * 1_000_000_000L);
            }
            store.completeIfDone(step.id());
            if (!claims.isEmpty()) {
                return 0;
            }
        }
        return wait;
    }

    /** Whether the channel turned out to be down. */
    private boolean send(CampaignStep step, List<SendStore.Claim> claims) {
        MessageRenderer.Rendered rendered;
        try {
            rendered = renderer.render(step, claims);
        } catch (RuntimeException e) {
            store.release(step.id(), name, claims);
            throw e;
        }
        String campaignName = store.campaignName(step.campaignId());
        store.record(step, campaignName, name, rendered.refused(), send.maxAttempts());
        List<OutgoingMessage> messages = rendered.messages();
        Channel.Session session = session(step.channel());
        boolean keep = false;
        try {
            for (int from = 0; from < messages.size(); from += send.recordEvery()) {
                int to = Math.min(messages.size(), from + send.recordEvery());
                List<Delivery> deliveries = session.send(messages.subList(from, to));
                store.record(step, campaignName, name, deliveries, send.maxAttempts());
                if (deliveries.stream().allMatch(d -> d.outcome() == Delivery.Outcome.RETRY)) {
                    // the channel is down: give the rest back untried rather than fail them one by one
                    Set<Long> untried = messages.subList(to, messages.size()).stream()
                            .map(OutgoingMessage::customerId)
                            .collect(Collectors.toSet());
                    if (!untried.isEmpty()) {
                        store.release(
                                step.id(),
                                name,
                                claims.stream()
                                        .filter(c -> untried.contains(c.customerId()))
                                        .toList());
                    }
                    log.warn(
                            "Step {}: {} unreachable ({}); trying again in {} s",
                            step.id(),
                            step.channel(),
                            deliveries.getFirst().error(),
                            send.retryDelaySeconds());
                    return true;
                }
            }
            keep = send.keepOpenSeconds() > 0;
        } finally {
            if (keep) {
                lastUsed.put(step.channel(), System.nanoTime());
            } else {
                closeSession(step.channel());
            }
        }
        return false;
    }

    /** The channel's open session, or a new one. */
    private Channel.Session session(StepChannel channel) {
        Channel.Session open = sessions.get(channel);
        if (open == null) {
            open = Objects.requireNonNull(channels.get(channel), channel.name()).open();
            sessions.put(channel, open);
        }
        return open;
    }

    private void closeSession(StepChannel channel) {
        Channel.Session open = sessions.remove(channel);
        lastUsed.remove(channel);
        if (open != null) {
            open.close();
        }
    }

    private void closeIdleSessions() {
        long now = System.nanoTime();
        for (StepChannel channel : List.copyOf(sessions.keySet())) {
            Long last = lastUsed.get(channel);
            if (last == null || now - last >= send.keepOpenSeconds() * 1_000_000_000L) {
                closeSession(channel);
            }
        }
    }

    /** Closes the sessions kept open; the worker may still be used after, opening new ones. */
    @Override
    public void close() {
        for (StepChannel channel : List.copyOf(sessions.keySet())) {
            closeSession(channel);
        }
    }
}
