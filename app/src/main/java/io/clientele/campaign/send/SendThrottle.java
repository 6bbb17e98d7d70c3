package io.clientele.campaign.send;

import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.StepChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * At most so many messages a minute: the step's own limit, or else its channel's default. A token bucket holding one
 * second's worth (at least one message), so a burst never exceeds that. It counts the messages of this process only
 * (its workers share it): with several processes sending the same step, the rate adds up.
 */
@Component
class SendThrottle {
    private final CampaignProperties properties;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    SendThrottle(CampaignProperties properties) {
        this.properties = properties;
    }

    /** Takes up to {@code wanted} messages' allowance now; answers how many it got (perhaps none). */
    int take(CampaignStep step, int wanted) {
        return bucket(step).take(wanted, System.nanoTime());
    }

    /** Returns allowance taken and not used. */
    void giveBack(CampaignStep step, int unused) {
        bucket(step).giveBack(unused);
    }

    /** How long until the step may send one more message. */
    long millisUntilNext(CampaignStep step) {
        return bucket(step).millisUntilOne(System.nanoTime());
    }

    private Bucket bucket(CampaignStep step) {
        Integer own = step.throttlePerMinute();
        int perMinute = own != null
                ? own
                : step.channel() == StepChannel.SMS ? properties.smsPerMinute() : properties.emailPerMinute();
        String key = (own != null ? "step " + step.id() : step.channel().name()) + " at " + perMinute;
        return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, System.nanoTime()));
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(int perMinute, long now) {
            this.perNano = perMinute / 60e9;
            this.capacity = Math.max(1, perMinute / 60.0);
            this.tokens = capacity;
            this.last = now;
        }

        synchronized int take(int wanted, long now) {
            refill(now);
            int granted = (int) Math.min(wanted, Math.floor(tokens));
            tokens -= granted;
            return granted;
        }

        synchronized void giveBack(int unused) {
            tokens = Math.min(capacity, tokens + unused);
        }

        synchronized long millisUntilOne(long now) {
            refill(now);
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1e6);
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
