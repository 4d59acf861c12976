package org.dialogs.spam.detect;

import java.util.Arrays;

/**
 * Approximate messages per sender in tumbling epochs of event time (one window long), one Count-Min sketch each,
 * for the last few epochs. Memory is fixed ({@code epochs × 4 × width} 16-bit counters) whatever the number of
 * senders; estimates never undercount. An epoch older than the ring is dropped: too late to matter.
 */
final class EpochSketches {

    private static final int DEPTH = 4;
    private static final long[] SEEDS = {0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L,
            0xD6E8FEB86659FD93L};

    private final int width;
    private final int mask;
    private final char[][] counts;
    private final long[] epochOfSlot;

    EpochSketches(int epochs, int width) {
        if (Integer.bitCount(width) != 1) {
            throw new IllegalArgumentException("width must be a power of two, was " + width);
        }
        this.width = width;
        this.mask = width - 1;
        this.counts = new char[epochs][DEPTH * width];
        this.epochOfSlot = new long[epochs];
        Arrays.fill(epochOfSlot, Long.MIN_VALUE);
    }

    /** Counts one message of {@code sender} in {@code epoch}; false if that epoch is already out of the ring. */
    boolean add(long sender, long epoch) {
        char[] slot = slotFor(epoch, true);
        if (slot == null) {
            return false;
        }
        for (int row = 0; row < DEPTH; row++) {
            int cell = row * width + column(sender, row);
            if (slot[cell] != Character.MAX_VALUE) {
                slot[cell]++;
            }
        }
        return true;
    }

    /** The estimated messages of {@code sender} in {@code epoch} (0 if the ring does not hold it). */
    int estimate(long sender, long epoch) {
        char[] slot = slotFor(epoch, false);
        if (slot == null) {
            return 0;
        }
        int min = Integer.MAX_VALUE;
        for (int row = 0; row < DEPTH; row++) {
            min = Math.min(min, slot[row * width + column(sender, row)]);
        }
        return min;
    }

    long bytes() {
        return (long) counts.length * DEPTH * width * Character.BYTES;
    }

    private char[] slotFor(long epoch, boolean claim) {
        int index = (int) Math.floorMod(epoch, (long) counts.length);
        long held = epochOfSlot[index];
        if (held == epoch) {
            return counts[index];
        }
        if (!claim || held > epoch) {
            return null;
        }
        Arrays.fill(counts[index], (char) 0);
        epochOfSlot[index] = epoch;
        return counts[index];
    }

    private int column(long sender, int row) {
        long h = (sender + SEEDS[row]) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) h & mask;
    }
}
