package org.dialogs.spam.relay;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dialogs.spam.decide.DecisionsStored;
import org.dialogs.spam.decide.FlagStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes the stored decisions not published yet, oldest first, and marks each published: the only caller of
 * the publisher. It runs on one thread of its own, woken right after a decision commits and every few seconds,
 * so two runs never overlap and a decision is published once (again only if marking it failed after the ack).
 */
@Component
class DecisionRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DecisionRelay.class);

    private final FlagStore flags;
    private final DecisionPublisher publisher;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "decision-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    DecisionRelay(FlagStore flags, DecisionPublisher publisher) {
        this.flags = flags;
        this.publisher = publisher;
    }

    /** A decision committed: publish it now rather than at the next periodic run. */
    @TransactionalEventListener(fallbackExecution = true)
    void onStored(DecisionsStored stored) {
        wake();
    }

    /** The periodic run, for decisions a failure (Kafka or the database down) left unpublished. */
    @Scheduled(fixedDelayString = "${spam-detector.relay-interval:5s}",
            initialDelayString = "${spam-detector.relay-interval:5s}")
    void wake() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(() -> {
                queued.set(false);
                relay();
            });
        }
    }

    /** One run: publishes a page of unpublished decisions; if the page was full, another run follows. */
    synchronized void relay() {
        try {
            List<FlagStore.Flag> due = flags.unannounced();
            for (FlagStore.Flag flag : due) {
                announce(flag);
            }
            if (due.size() == FlagStore.UNANNOUNCED_PAGE) {
                wake();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("decisions not published yet, the next run retries: {}", e.toString());
        }
    }

    private void announce(FlagStore.Flag flag) throws Exception {
        if (!flag.flagAnnounced()) {
            publisher.flagged(flag);
            flags.announced(flag.id(), false);
        }
        if (flag.liftedAt() != null && !flag.liftAnnounced()) {
            publisher.lifted(flag);
            flags.announced(flag.id(), true);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
