package org.dialogs.spam.relay;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.spam.decide.DecisionsStored;
import org.dialogs.spam.decide.FlagStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the stored decisions not published yet, oldest first, and marks each published: the only caller of
 * the publisher. It runs on one thread of its own, woken right after a decision commits and every few seconds,
 * so two runs never overlap and a decision is published once (again only if marking it failed after the ack).
 * Across detector processes a run holds {@link RelayLock} for its transaction; a run that finds it taken tries
 * again shortly, as the other run may have read its page before this process's decision committed.
 */
@Component
class DecisionRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DecisionRelay.class);

    private final FlagStore flags;
    private final DecisionPublisher publisher;
    private final RelayLock lock;
    private final TransactionTemplate transaction;
    private final SpamDetectorProperties.Decisions settings;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "decision-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    DecisionRelay(FlagStore flags, DecisionPublisher publisher, RelayLock lock, TransactionTemplate transaction,
            SpamDetectorProperties properties) {
        this.settings = properties.decisions();
        this.flags = flags;
        this.publisher = publisher;
        this.lock = lock;
        this.transaction = transaction;
    }

    /** A decision committed: publish it now rather than at the next periodic run. */
    @TransactionalEventListener(fallbackExecution = true)
    void onStored(DecisionsStored stored) {
        wake();
    }

    /** The periodic run, for decisions a failure (Kafka or the database down) left unpublished. */
    @Scheduled(fixedDelayString = "${spam-detector.decisions.relay-interval:5s}",
            initialDelayString = "${spam-detector.decisions.relay-interval:5s}")
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
            Integer published = transaction.execute(status -> lock.tryTake() ? publishPage() : null);
            if (published == null) {
                thread.schedule(this::wake, settings.relayLockedRetry().toMillis(), TimeUnit.MILLISECONDS);
            } else if (published == FlagStore.UNANNOUNCED_PAGE) {
                wake();
            }
        } catch (RuntimeException e) {
            log.warn("decisions not published yet, the next run retries: {}", e.toString());
        }
    }

    /** Publishes and marks the due decisions until one fails; the marks made so far commit with the run. */
    private int publishPage() {
        List<FlagStore.Flag> due = flags.unannounced();
        for (FlagStore.Flag flag : due) {
            try {
                announce(flag);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } catch (Exception e) {
                log.warn("decision for sender {} not published yet, the next run retries: {}", flag.senderId(),
                        e.toString());
                return 0;
            }
        }
        return due.size();
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
        thread.awaitTermination(settings.publishTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }
}
