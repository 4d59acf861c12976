package org.dialogs.spam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.dialogs.spam.MutableClock;
import org.dialogs.spam.SpamDetectorProperties;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String ADDRESS = "203.0.113.7";
    private static final SpamDetectorProperties.Login DEFAULTS = new SpamDetectorProperties.Login(5, Duration.ofMinutes(1),
            Duration.ofMinutes(1), Duration.ofHours(1));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private final LoginThrottle throttle = new LoginThrottle(DEFAULTS, clock);

    @Test
    void fiveWrongPasswordsWithinAMinute_lockThatAddressForAMinute_only() {
        fail(4);
        assertThat(throttle.lockedFor(ADDRESS)).isEmpty();

        fail(1);

        assertThat(throttle.lockedFor(ADDRESS)).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("203.0.113.8")).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.lockedFor(ADDRESS)).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor(ADDRESS)).isEmpty();
    }

    @Test
    void wrongPasswordsSpreadOverMoreThanAMinute_doNotLock() {
        fail(4);
        clock.advance(Duration.ofSeconds(61));
        fail(4);

        assertThat(throttle.lockedFor(ADDRESS)).isEmpty();
    }

    @Test
    void oneWrongPasswordAfterALockout_locksAgainForTwiceAsLong_upToAnHour() {
        fail(5);
        Duration expected = Duration.ofMinutes(1);
        for (int lockout = 1; lockout <= 8; lockout++) {
            assertThat(throttle.lockedFor(ADDRESS)).as("lockout %d", lockout).hasValue(expected);
            clock.advance(expected);
            fail(1);
            expected = expected.multipliedBy(2).compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1)
                    : expected.multipliedBy(2);
        }
        assertThat(throttle.lockedFor(ADDRESS)).hasValue(Duration.ofHours(1));
    }

    @Test
    void theRightPassword_forgetsEarlierWrongOnes() {
        fail(4);
        throttle.succeeded(ADDRESS);
        fail(4);

        assertThat(throttle.lockedFor(ADDRESS)).isEmpty();
    }

    @Test
    void anAddressQuietForAnHourAfterItsLockout_startsAfresh() {
        fail(5);
        clock.advance(Duration.ofMinutes(1).plus(Duration.ofHours(1)));

        fail(4);

        assertThat(throttle.lockedFor(ADDRESS)).isEmpty();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(ADDRESS);
        }
    }
}
