package org.dialogs.gateway.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

    @Test
    void tryTake_upToTheBurst_isAllowedAtOnce() {
        TokenBucket bucket = new TokenBucket(6, 3, clock);

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
    }

    @Test
    void tryTake_beyondTheBurst_saysHowLongUntilTheNextToken() {
        TokenBucket bucket = emptied(new TokenBucket(6, 3, clock), 3);
        clock.advance(Duration.ofSeconds(4));

        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(6));
        assertThat(bucket.tryTake()).as("a refused take costs nothing").isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void tryTake_afterOneInterval_allowsOneMore() {
        TokenBucket bucket = emptied(new TokenBucket(6, 3, clock), 3);
        clock.advance(Duration.ofSeconds(10));

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void tryTake_atTheSustainedRate_isAlwaysAllowed() {
        TokenBucket bucket = emptied(new TokenBucket(6, 3, clock), 3);

        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofSeconds(10));
                assertThat(bucket.tryTake()).isZero();
            }
        }
    }

    @Test
    void tryTake_afterALongPause_refillsOnlyUpToTheBurst() {
        TokenBucket bucket = emptied(new TokenBucket(6, 3, clock), 3);
        clock.advance(Duration.ofHours(1));

        emptied(bucket, 3);
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void tryTake_rateNotDividingAMinute_waitsAFractionOfASecond() {
        TokenBucket bucket = emptied(new TokenBucket(7, 1, clock), 1);

        assertThat(bucket.tryTake()).isEqualTo(Duration.ofMinutes(1).dividedBy(7));
    }

    private static TokenBucket emptied(TokenBucket bucket, int burst) {
        for (int i = 0; i < burst; i++) {
            assertThat(bucket.tryTake()).as("take %d of the burst", i + 1).isZero();
        }
        return bucket;
    }
}
