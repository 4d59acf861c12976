package org.dialogs.schemas;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/**
 * Makes UUIDv7 message ids (RFC 9562): 48 bits of Unix milliseconds, then a counter seeded at random, then random
 * bits. Ids from one generator are strictly increasing; ids from independent producers never need coordination.
 */
public final class MessageIdGenerator {

    private static final int COUNTER_BITS = 12;
    private static final int MAX_COUNTER = (1 << COUNTER_BITS) - 1;

    private final Clock clock;
    private final Random random;
    private long lastMillis = -1;
    private int counter;

    public MessageIdGenerator(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /** A generator on the system clock with a secure random source. */
    public static MessageIdGenerator systemDefault() {
        return new MessageIdGenerator(Clock.systemUTC(), new SecureRandom());
    }

    /** The next id; never equal to or lower than an earlier one from this generator. */
    public synchronized UUID next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = random.nextInt(MAX_COUNTER / 2);
        } else if (++counter > MAX_COUNTER) {
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis << 16) | (0x7L << 12) | counter;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** The Unix milliseconds a UUIDv7 carries. */
    public static long millisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
