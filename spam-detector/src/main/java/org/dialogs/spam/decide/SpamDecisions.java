package org.dialogs.spam.decide;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.dialogs.spam.detect.RuleBreach;
import org.dialogs.spam.isolate.IsolationJobs;
import org.dialogs.spam.kafka.DecisionPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a breach into a decision once: a durable flag and an isolation job in one transaction, then the FLAGGED
 * event; and lifts flags. A decision whose event could not be published is published again by a relay.
 */
@Component
public class SpamDecisions {

    private static final Logger log = LoggerFactory.getLogger(SpamDecisions.class);

    private final FlagStore flags;
    private final IsolationJobs jobs;
    private final DecisionPublisher publisher;
    private final FloodDetector detector;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Timer detectionLatency;

    SpamDecisions(FlagStore flags, IsolationJobs jobs, DecisionPublisher publisher, FloodDetector detector,
            TransactionTemplate transaction, Clock clock, MeterRegistry registry) {
        this.flags = flags;
        this.jobs = jobs;
        this.publisher = publisher;
        this.detector = detector;
        this.transaction = transaction;
        this.clock = clock;
        this.detectionLatency = Timer.builder("dialogs.spam.detection.latency")
                .description("from the message that broke a rule (its send time) to the flag being recorded")
                .publishPercentileHistogram().register(registry);
    }

    /** Flags the sender unless it already is; whether this made a new decision. */
    public boolean onBreach(RuleBreach breach) {
        Instant now = clock.instant();
        Optional<Long> flagId = transaction.execute(status -> {
            Optional<Long> id = flags.flag(breach, now);
            id.ifPresent(created -> jobs.request(breach.senderId(), now));
            return id;
        });
        if (flagId.isEmpty()) {
            return false;
        }
        detectionLatency.record(Duration.between(breach.crossedAt(), now).toNanos(), TimeUnit.NANOSECONDS);
        log.info("flagged sender {}: {} = {} in {} s", breach.senderId(), breach.rule(), breach.observed(),
                breach.windowSeconds());
        try {
            publisher.flagged(breach.senderId(), breach.rule(), breach.observed(), breach.windowSeconds(), now);
            flags.announced(flagId.get(), false);
        } catch (Exception e) {
            keepInterrupt(e);
            log.warn("FLAGGED decision for {} not published yet, the relay retries: {}", breach.senderId(), e.toString());
        }
        return true;
    }

    /** Lifts the sender's active flag and its throttle; the lifted flag, or empty if it had none. */
    public Optional<FlagStore.Flag> lift(long sender, String by) {
        Optional<FlagStore.Flag> lifted = flags.lift(sender, by, clock.instant());
        lifted.ifPresent(flag -> {
            detector.unflag(sender);
            announce(flag, true);
        });
        return lifted;
    }

    /** Publishes the decisions a failure left unpublished. */
    @Scheduled(fixedDelayString = "5s", initialDelayString = "5s")
    void relay() {
        for (FlagStore.Flag flag : flags.unannounced()) {
            if (!flag.flagAnnounced()) {
                announce(flag, false);
            }
            if (flag.liftedAt() != null && !flag.liftAnnounced()) {
                announce(flag, true);
            }
        }
    }

    private void announce(FlagStore.Flag flag, boolean lift) {
        try {
            if (lift) {
                publisher.lifted(flag.senderId(), flag.liftedBy(), flag.liftedAt());
            } else {
                publisher.flagged(flag.senderId(), flag.rule(), flag.observed(), flag.windowSeconds(),
                        flag.flaggedAt());
            }
            flags.announced(flag.id(), lift);
        } catch (Exception e) {
            keepInterrupt(e);
            log.warn("decision for sender {} not published yet: {}", flag.senderId(), e.toString());
        }
    }

    private static void keepInterrupt(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }
}
