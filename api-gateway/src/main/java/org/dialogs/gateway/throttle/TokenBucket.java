package org.dialogs.gateway.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of {@code burst} tokens refilled one per {@code interval}, kept as the single instant at which
 * it will be full again (the generic cell rate algorithm), so it is exact and needs no refill timer.
 */
final class TokenBucket {

    private final Duration interval;
    private final Duration capacity;
    private final Clock clock;
    private Instant fullAt;

    TokenBucket(int messagesPerMinute, int burst, Clock clock) {
        this.interval = Duration.ofMinutes(1).dividedBy(messagesPerMinute);
        this.capacity = interval.multipliedBy(burst);
        this.clock = clock;
        this.fullAt = clock.instant();
    }

    /** Takes a token: {@link Duration#ZERO} if there was one, else how long until there is (nothing taken). */
    synchronized Duration tryTake() {
        Instant now = clock.instant();
        Instant start = fullAt.isAfter(now) ? fullAt : now;
        Instant next = start.plus(interval);
        Duration wait = Duration.between(now, next).minus(capacity);
        if (wait.compareTo(Duration.ZERO) > 0) {
            return wait;
        }
        fullAt = next;
        return Duration.ZERO;
    }

    /** Returns a token taken for a send that did not happen after all. */
    synchronized void giveBack() {
        fullAt = fullAt.minus(interval);
    }
}
