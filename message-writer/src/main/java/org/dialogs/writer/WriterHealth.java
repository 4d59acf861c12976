package org.dialogs.writer;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Whether the writer can store what it consumes: UP while batches commit, DEGRADED while they fail (the database
 * is unreachable, say) and the writer holds its place and retries, naming the partitions it holds and why; also
 * DEGRADED while any partition lags with no committed progress.
 */
@Component("writer")
class WriterHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "batches fail or partitions make no progress");

    private record Failing(Instant since, int attempts, String lastError, Map<String, Long> heldAt) {
    }

    private final Clock clock;
    private final PartitionLagMonitor lag;
    private final MessageWriterProperties properties;
    private final AtomicReference<Instant> lastCommit = new AtomicReference<>();
    private final AtomicReference<Failing> failing = new AtomicReference<>();

    WriterHealth(Clock clock, PartitionLagMonitor lag, MessageWriterProperties properties) {
        this.clock = clock;
        this.lag = lag;
        this.properties = properties;
    }

    void batchCommitted() {
        lastCommit.set(clock.instant());
        failing.set(null);
    }

    /** A batch failed as a whole; {@code heldAt} is the first offset of each partition in it. */
    void batchFailed(Exception error, Map<String, Long> heldAt) {
        Instant now = clock.instant();
        String message = rootCause(error).toString();
        failing.updateAndGet(f -> f == null ? new Failing(now, 1, message, heldAt)
                : new Failing(f.since(), f.attempts() + 1, message, heldAt));
    }

    @Override
    public Health health() {
        Failing f = failing.get();
        Map<String, String> stalled = lag.stalled(properties.stalledAfter());
        Health.Builder health = f == null && stalled.isEmpty() ? Health.up() : Health.status(DEGRADED);
        if (f != null) {
            health.withDetail("failingSince", f.since().toString())
                    .withDetail("attempts", f.attempts())
                    .withDetail("lastError", f.lastError())
                    .withDetail("heldAt", f.heldAt());
        }
        if (!stalled.isEmpty()) {
            health.withDetail("stalledPartitions", stalled);
        }
        Instant committed = lastCommit.get();
        return health.withDetail("lastCommit", committed == null ? "none yet" : committed.toString())
                .withDetail("lag", lag.totalLag()).build();
    }

    static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
