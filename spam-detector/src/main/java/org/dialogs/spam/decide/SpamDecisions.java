package org.dialogs.spam.decide;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.dialogs.spam.detect.RuleBreach;
import org.dialogs.spam.isolate.IsolationJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores decisions: a breach becomes the sender's durable flag and its isolation job in one transaction, and the
 * detector stops reporting the sender only after that commit; a lift ends the flag. Publishing the decisions is
 * the relay's job alone, told by a {@link DecisionsStored} event.
 */
@Component
public class SpamDecisions {

    private static final Logger log = LoggerFactory.getLogger(SpamDecisions.class);

    private final FlagStore flags;
    private final IsolationJobs jobs;
    private final FloodDetector detector;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Timer detectionLatency;

    SpamDecisions(FlagStore flags, IsolationJobs jobs, FloodDetector detector, TransactionTemplate transaction,
            ApplicationEventPublisher events, Clock clock, MeterRegistry registry) {
        this.flags = flags;
        this.jobs = jobs;
        this.detector = detector;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
        this.detectionLatency = Timer.builder("dialogs.spam.detection.latency")
                .description("from the message that broke a rule (its send time) to the flag being recorded")
                .publishPercentileHistogram().register(registry);
    }

    /**
     * Flags each breach's sender unless it already is, with its isolation job, in one transaction; then marks
     * them all flagged in the detector. Throws if the transaction fails: then nothing is marked.
     *
     * @return the breaches that made a new flag
     */
    public List<RuleBreach> flag(Collection<RuleBreach> breaches) {
        Instant now = clock.instant();
        List<RuleBreach> created = transaction.execute(status -> {
            List<RuleBreach> made = new ArrayList<>();
            for (RuleBreach breach : breaches) {
                if (flags.flag(breach, now).isPresent()) {
                    jobs.request(breach.senderId(), now);
                    made.add(breach);
                }
            }
            if (!made.isEmpty()) {
                events.publishEvent(new DecisionsStored());
            }
            return made;
        });
        breaches.forEach(breach -> detector.markFlagged(breach.senderId()));
        for (RuleBreach breach : created) {
            detectionLatency.record(Duration.between(breach.crossedAt(), now).toNanos(), TimeUnit.NANOSECONDS);
            log.info("flagged sender {}: {} = {} in {} s", breach.senderId(), breach.rule(), breach.observed(),
                    breach.windowSeconds());
        }
        return created;
    }

    /** Lifts the sender's active flag and its throttle; the lifted flag, or empty if it had none. */
    public Optional<FlagStore.Flag> lift(long sender, String by) {
        Instant now = clock.instant();
        Optional<FlagStore.Flag> lifted = transaction.execute(status -> {
            Optional<FlagStore.Flag> flag = flags.lift(sender, by, now);
            flag.ifPresent(f -> events.publishEvent(new DecisionsStored()));
            return flag;
        });
        lifted.ifPresent(flag -> detector.unflag(sender));
        return lifted;
    }
}
