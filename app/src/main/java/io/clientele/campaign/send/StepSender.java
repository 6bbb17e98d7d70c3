package io.clientele.campaign.send;

import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.SendStatus;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Sends one step to the end in the calling thread, over the configured channels, as a worker of its own: for
 * commands and benchmarks, where no background worker runs. Claims, throttling and recording are the workers'.
 */
@Service
public class StepSender {
    private final SendStore store;
    private final MessageRenderer renderer;
    private final SendChannels channels;
    private final SendThrottle throttle;
    private final CampaignProperties campaign;
    private final SendProperties send;
    private final CampaignSteps steps;

    StepSender(
            SendStore store,
            MessageRenderer renderer,
            SendChannels channels,
            SendThrottle throttle,
            CampaignProperties campaign,
            SendProperties send,
            CampaignSteps steps) {
        this.store = store;
        this.renderer = renderer;
        this.channels = channels;
        this.throttle = throttle;
        this.campaign = campaign;
        this.send = send;
        this.steps = steps;
    }

    /**
     * Sends the step until it is SENT (a step that admits members: until none is left to send for now), claiming {@code batchSize} members at a time and recording every
     * {@code recordEvery} messages; returns the step as it ends. A channel that stays down keeps it waiting (and
     * retrying every retry delay), as it keeps a background worker.
     */
    public CampaignStep sendAll(long stepId, String workerName, int batchSize, int recordEvery)
            throws InterruptedException {
        return sendAll(stepId, workerName, batchSize, recordEvery, send.keepOpenSeconds());
    }

    /**
     * As {@link #sendAll(long, String, int, int)}, keeping the channel's connections open between batches for
     * {@code keepOpenSeconds} (0: a new session, say SMTP connections, for every batch).
     */
    public CampaignStep sendAll(long stepId, String workerName, int batchSize, int recordEvery, int keepOpenSeconds)
            throws InterruptedException {
        CampaignProperties batches = new CampaignProperties(
                campaign.publicUrl(),
                campaign.mailFrom(),
                campaign.smsGatewayUrl(),
                campaign.smsGatewayToken(),
                campaign.emailPerMinute(),
                campaign.smsPerMinute(),
                batchSize,
                campaign.claimTimeoutSeconds());
        SendProperties recording = new SendProperties(
                0,
                send.pollMillis(),
                recordEvery,
                send.maxAttempts(),
                send.retryDelaySeconds(),
                send.smtpConnections(),
                keepOpenSeconds);
        try (SendWorker worker = new SendWorker(
                workerName,
                store,
                renderer,
                channels.configured(),
                throttle,
                batches,
                recording,
                step -> step.id() == stepId)) {
            while (!done(steps.get(stepId))) {
                long wait = worker.runOnce();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        }
        return steps.get(stepId);
    }

    /** SENT; or, for a step that admits members as they come, none left to send for now. */
    private boolean done(CampaignStep step) {
        if (step.admits()) {
            Map<SendStatus, Long> progress = store.progress(step.id());
            return progress.get(SendStatus.PENDING) == 0 && progress.get(SendStatus.SENDING) == 0;
        }
        return step.status() == CampaignStep.Status.SENT;
    }
}
