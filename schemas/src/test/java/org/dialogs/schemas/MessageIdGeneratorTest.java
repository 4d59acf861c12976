package org.dialogs.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MessageIdGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00.123Z");

    @Test
    void next_isVersion7WithRfcVariantAndCarriesTheMillis() {
        UUID id = new MessageIdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), new Random(1)).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(MessageIdGenerator.millisOf(id)).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void next_withinOneMillisecond_isStrictlyIncreasing() {
        MessageIdGenerator ids = new MessageIdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), new Random(2));

        UUID previous = ids.next();
        for (int i = 0; i < 10_000; i++) {
            UUID next = ids.next();
            assertThat(next.toString()).isGreaterThan(previous.toString());
            previous = next;
        }
    }

    @Test
    void next_laterMillisecond_sortsAfter() {
        MutableClock clock = new MutableClock(NOW);
        MessageIdGenerator ids = new MessageIdGenerator(clock, new Random(3));

        UUID first = ids.next();
        clock.now = NOW.plusMillis(1);
        UUID second = ids.next();

        assertThat(second.toString()).isGreaterThan(first.toString());
        assertThat(MessageIdGenerator.millisOf(second)).isEqualTo(NOW.toEpochMilli() + 1);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
