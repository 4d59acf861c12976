package org.dialogs.spam.isolate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.storage.citus.NotCitusClusterException;
import org.dialogs.storage.citus.Outcome;
import org.dialogs.storage.citus.ShardOperations;
import org.dialogs.storage.citus.TenantShard;
import org.dialogs.storage.citus.WorkerNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries out isolation jobs one at a time: isolates the flagged sender with the shard operations (onto the
 * dedicated worker when there is one, and pinned there), and records how it ended, saying when writes waited. Transient errors (another shard operation running,
 * a connection lost) are retried with back-off up to a limit; a database that is not Citus ends the job at once.
 */
@Component
class IsolationJobRunner {

    private static final Logger log = LoggerFactory.getLogger(IsolationJobRunner.class);

    private final IsolationJobs jobs;
    private final ShardOperations shards;
    private final SpamDetectorProperties properties;
    private final Clock clock;
    private final Timer duration;
    private Instant nextStaleCheck = Instant.MIN;

    IsolationJobRunner(IsolationJobs jobs, ShardOperations shards, SpamDetectorProperties properties, Clock clock,
            MeterRegistry registry) {
        this.jobs = jobs;
        this.shards = shards;
        this.properties = properties;
        this.clock = clock;
        this.duration = Timer.builder("dialogs.spam.isolation.duration")
                .description("one attempt of an isolation job, including a move to the dedicated worker")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${spam-detector.isolation.poll-interval:500ms}")
    void runDue() {
        Instant now = clock.instant();
        if (!now.isBefore(nextStaleCheck)) {
            // a write (to every node, for a Citus reference table): now and then, not on every poll
            jobs.requeueStale(now.minus(properties.isolation().staleAfter()));
            nextStaleCheck = now.plus(properties.isolation().staleCheckEvery());
        }
        Optional<IsolationJobs.Job> due = jobs.nextDue(clock.instant());
        if (due.isEmpty() || !jobs.claim(due.get().id(), clock.instant())) {
            return;
        }
        IsolationJobs.Job job = due.get();
        Timer.Sample sample = Timer.start();
        try {
            run(job);
        } finally {
            sample.stop(duration);
        }
    }

    private void run(IsolationJobs.Job job) {
        long sender = job.senderId();
        try {
            Optional<WorkerNode> dedicated = dedicatedWorker();
            TenantShard isolated = dedicated.map(worker -> shards.isolateTenant(sender, worker))
                    .orElseGet(() -> shards.isolateTenant(sender));
            TenantShard shard = isolated;
            if (isolated.outcome() != Outcome.BUSY && dedicated.isPresent()) {
                shard = shards.moveTenant(sender, dedicated.get());
            }
            if (shard.outcome() == Outcome.BUSY) {
                retryOrFail(job, shard.message());
                return;
            }
            String outcome = shard == isolated ? isolated.message() : isolated.message() + "; " + shard.message();
            boolean writesBlocked = isolated.writesBlocked() || shard.writesBlocked();
            jobs.done(job.id(), shard.shardId(), String.valueOf(shard.node()), outcome, writesBlocked,
                    clock.instant());
            log.info("isolated sender {} on shard {} at {}: {}", sender, shard.shardId(), shard.node(), outcome);
        } catch (NotCitusClusterException e) {
            jobs.end(job.id(), IsolationJobs.State.NOT_CITUS, e.getMessage(), clock.instant());
            log.info("sender {} stays flagged but is not isolated: {}", sender, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("isolating sender {} failed (attempt {}): {}", sender, job.attempts() + 1, e.toString());
            retryOrFail(job, e.toString());
        }
    }

    private Optional<WorkerNode> dedicatedWorker() {
        String worker = properties.isolation().dedicatedWorker();
        return worker.isBlank() ? Optional.empty() : Optional.of(WorkerNode.parse(worker));
    }

    private void retryOrFail(IsolationJobs.Job job, String error) {
        int attempts = job.attempts() + 1;
        if (attempts >= properties.isolation().maxAttempts()) {
            jobs.end(job.id(), IsolationJobs.State.FAILED, error, clock.instant());
            return;
        }
        Duration backoff = properties.isolation().retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 10));
        Instant next = clock.instant().plus(backoff);
        jobs.retryLater(job.id(), error, next);
    }
}
