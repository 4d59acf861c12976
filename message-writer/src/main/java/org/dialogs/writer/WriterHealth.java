package org.dialogs.writer;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Whether the writer can store what it consumes: UP while batches commit, DEGRADED while they fail (the database
 * is unreachable, say) and the writer holds its place and retries.
 */
@Component("writer")
class WriterHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "batches fail; consumption is paused and retried");

    private record Failing(Instant since, int attempts, String lastError) {
    }

    private final Clock clock;
    private final AtomicReference<Instant> lastCommit = new AtomicReference<>();
    private final AtomicReference<Failing> failing = new AtomicReference<>();

    WriterHealth(Clock clock) {
        this.clock = clock;
    }

    void batchCommitted() {
        lastCommit.set(clock.instant());
        failing.set(null);
    }

    void batchFailed(Exception error) {
        Instant now = clock.instant();
        String message = rootCause(error).toString();
        failing.updateAndGet(f -> f == null ? new Failing(now, 1, message)
                : new Failing(f.since(), f.attempts() + 1, message));
    }

    @Override
    public Health health() {
        Failing f = failing.get();
        Instant committed = lastCommit.get();
        Health.Builder health = f == null ? Health.up() : Health.status(DEGRADED)
                .withDetail("failingSince", f.since().toString())
                .withDetail("attempts", f.attempts())
                .withDetail("lastError", f.lastError());
        return health.withDetail("lastCommit", committed == null ? "none yet" : committed.toString()).build();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
