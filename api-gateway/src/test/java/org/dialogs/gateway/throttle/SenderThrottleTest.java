package org.dialogs.gateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;

import org.dialogs.gateway.http.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class SenderThrottleTest {

    private static final long SENDER = 42;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

    @Test
    void acquire_senderNotFlagged_isNeverLimited() {
        SenderThrottle throttle = Throttles.throttle(6, 3, clock);

        assertThatNoException().isThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                throttle.acquire(SENDER);
            }
        });
    }

    @Test
    void acquire_refusedByTheSharedBucket_keepsThisGatewaysToken() {
        java.util.concurrent.atomic.AtomicBoolean sharedHasTokens = new java.util.concurrent.atomic.AtomicBoolean();
        SenderThrottle throttle = Throttles.throttle(6, 3, clock, (sender, perSecond, burst) -> sharedHasTokens.get());
        throttle.flag(SENDER);
        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowableOfType(ApiException.class, () -> throttle.acquire(SENDER))).isNotNull();
        }
        sharedHasTokens.set(true);

        assertThatNoException().as("this gateway's bucket still holds its burst").isThrownBy(() -> {
            for (int i = 0; i < 3; i++) {
                throttle.acquire(SENDER);
            }
        });
    }

    @Test
    void acquire_flaggedSenderBeyondTheBurst_is429WithRetryAfterAndAClearMessage() {
        SenderThrottle throttle = Throttles.throttle(6, 3, clock);
        throttle.flag(SENDER);
        for (int i = 0; i < 3; i++) {
            throttle.acquire(SENDER);
        }
        clock.advance(Duration.ofMillis(2500));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> throttle.acquire(SENDER));

        assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.retryAfterSeconds()).hasValue(8);
        assertThat(refused.getMessage()).isEqualTo("you are sending too fast: your account is limited to 6 "
                + "messages a minute after a spam report; retry in 8 s");
    }

    @Test
    void acquire_lessThanASecondToWait_saysOneSecond() {
        SenderThrottle throttle = Throttles.throttle(6, 1, clock);
        throttle.flag(SENDER);
        throttle.acquire(SENDER);
        clock.advance(Duration.ofMillis(9999));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> throttle.acquire(SENDER));

        assertThat(refused.retryAfterSeconds()).hasValue(1);
    }

    @Test
    void acquire_flaggedSender_doesNotLimitOthers() {
        SenderThrottle throttle = Throttles.throttle(6, 1, clock);
        throttle.flag(SENDER);
        throttle.acquire(SENDER);

        assertThatNoException().isThrownBy(() -> {
            throttle.acquire(SENDER + 1);
            throttle.acquire(SENDER + 1);
        });
    }
}
