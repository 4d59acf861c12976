package org.dialogs.gateway.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dialogs.gateway.ApiGatewayProperties;
import org.dialogs.gateway.http.ApiException;
import org.springframework.stereotype.Component;

/**
 * Limits the senders the spam-detector flagged to a token bucket each, until an operator lifts the flag; every
 * other sender passes at the cost of one map lookup. The limit holds for the whole system: a send of a flagged
 * sender takes a token from the bucket all gateways share ({@link SharedLimit}), after a bucket of this gateway's
 * own, which never holds fewer tokens than the shared one and so spares the database a flooder's refused sends.
 */
@Component
public class SenderThrottle {

    /** The bucket of a flagged sender that every gateway takes from. */
    @FunctionalInterface
    interface SharedLimit {
        /** Takes a token from {@code sender}'s shared bucket; whether there was one. */
        boolean tryTake(long sender, double perSecond, int burst);
    }

    private final Map<Long, TokenBucket> flagged = new ConcurrentHashMap<>();
    private final ApiGatewayProperties.Throttle limits;
    private final SharedLimit shared;
    private final Clock clock;

    SenderThrottle(ApiGatewayProperties properties, SharedLimit shared, Clock clock) {
        this.limits = properties.throttle();
        this.shared = shared;
        this.clock = clock;
    }

    /** Lets {@code sender} send one message, or answers 429 with the seconds until the next one is allowed. */
    public void acquire(long sender) {
        TokenBucket bucket = flagged.get(sender);
        if (bucket == null) {
            return;
        }
        Duration wait = bucket.tryTake();
        if (wait.isZero() && !shared.tryTake(sender, limits.messagesPerMinute() / 60.0, limits.burst())) {
            // the send is refused: this gateway's bucket keeps the token, so it never holds fewer than the shared one
            bucket.giveBack();
            wait = Duration.ofMinutes(1).dividedBy(limits.messagesPerMinute());
        }
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.plusNanos(999_999_999).toSeconds());
            throw ApiException.tooManyRequests("you are sending too fast: your account is limited to "
                    + limits.messagesPerMinute() + " messages a minute after a spam report; retry in "
                    + seconds + " s", seconds);
        }
    }

    /** Throttles {@code sender}; one already throttled keeps its bucket, so a repeated flag gives no new burst. */
    void flag(long sender) {
        flagged.computeIfAbsent(sender,
                id -> new TokenBucket(limits.messagesPerMinute(), limits.burst(), clock));
    }

    void lift(long sender) {
        flagged.remove(sender);
    }

    int flaggedCount() {
        return flagged.size();
    }
}
