package io.clientele.campaign.send;

import io.clientele.campaign.CampaignProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs this process's send workers ({@code clientele.campaign.send.workers}, default 1), each on its own thread,
 * named {@code host:pid:n} in the claims they make, over the {@link SendChannels configured channels}. Off in
 * commands ({@code clientele.jobs.enabled=false}).
 */
@Component
@ConditionalOnProperty(name = "clientele.jobs.enabled", havingValue = "true", matchIfMissing = true)
class SendWorkers implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SendWorkers.class);

    private final List<SendWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    SendWorkers(
            SendStore store,
            MessageRenderer renderer,
            SendThrottle throttle,
            CampaignProperties campaign,
            SendProperties send,
            SendChannels channels) {
        String prefix = host() + ":" + ProcessHandle.current().pid() + ":";
        for (int i = 1; i <= send.workers(); i++) {
            workers.add(new SendWorker(
                    prefix + i, store, renderer, channels.configured(), throttle, campaign, send, step -> true));
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (SendWorker worker : workers) {
            Thread thread = Thread.ofPlatform()
                    .name("send-" + worker.name())
                    .daemon(true)
                    .start(() -> loop(worker));
            threads.add(thread);
        }
    }

    private void loop(SendWorker worker) {
        try {
            work(worker);
        } finally {
            worker.close();
        }
    }

    private void work(SendWorker worker) {
        while (running) {
            long wait;
            try {
                wait = worker.runOnce();
            } catch (RuntimeException e) {
                log.error("Send worker {} failed; trying again", worker.name(), e);
                wait = 5000;
            }
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Lets each worker finish (and record) the batch in hand, so an orderly stop leaves nothing UNCERTAIN. */
    @Override
    public synchronized void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
