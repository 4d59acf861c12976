package org.dialogs.spam.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.dialogs.spam.SpamDetectorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts wrong operator passwords per client address and locks an address out once it has too many within a
 * window; after a lockout, one more wrong password locks it again for twice as long.
 */
@Component
class LoginThrottle {

    /** Beyond this many remembered addresses, the forgotten ones are dropped. */
    static final int PRUNE_ABOVE = 10_000;

    /** What is remembered of one address: failures since {@code since}, and its latest lockout. */
    private record Failures(int count, Instant since, int lockouts, Instant lockedUntil) {
    }

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final SpamDetectorProperties.Login properties;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(SpamDetectorProperties properties, Clock clock) {
        this(properties.operator().login(), clock);
    }

    LoginThrottle(SpamDetectorProperties.Login properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** How much longer {@code address} is locked out; empty if it may try a password now. */
    Optional<Duration> lockedFor(String address) {
        Failures failures = byAddress.get(address);
        Instant now = clock.instant();
        if (failures == null || failures.lockedUntil() == null || !now.isBefore(failures.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.lockedUntil()));
    }

    void failed(String address) {
        Instant now = clock.instant();
        Failures updated = byAddress.compute(address, (key, old) -> next(remembered(old, now), now));
        if (updated.lockedUntil() != null && updated.since().equals(now)) {
            log.warn("wrong operator passwords from {}: locked out until {} (lockout {})", address,
                    updated.lockedUntil(), updated.lockouts());
        }
        if (byAddress.size() > PRUNE_ABOVE) {
            byAddress.entrySet().removeIf(e -> remembered(e.getValue(), now) == null);
        }
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    private Failures next(Failures old, Instant now) {
        if (old == null) {
            old = new Failures(0, now, 0, null);
        }
        int count = old.count() + 1;
        if (count < properties.maxFailures() && old.lockouts() == 0) {
            return new Failures(count, old.since(), 0, null);
        }
        Duration lockout = properties.lockout().multipliedBy(1L << Math.min(old.lockouts(), 30));
        lockout = lockout.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lockout;
        return new Failures(0, now, old.lockouts() + 1, now.plus(lockout));
    }

    /** {@code failures}, or null once they no longer count: the window is over and any lockout long past. */
    private Failures remembered(Failures failures, Instant now) {
        if (failures == null) {
            return null;
        }
        Instant forgotten = failures.lockedUntil() == null ? failures.since().plus(properties.failureWindow())
                : failures.lockedUntil().plus(properties.maxLockout());
        return now.isBefore(forgotten) ? failures : null;
    }
}
