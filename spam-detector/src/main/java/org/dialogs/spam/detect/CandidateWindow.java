package org.dialogs.spam.detect;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact sliding window of one watched sender, from when it was watched on: the times of its messages (at
 * most one more than the limit) and the last time it wrote to each recipient.
 */
final class CandidateWindow {

    private final long windowMillis;
    private final int keep;
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private final LinkedHashMap<Long, Long> lastToRecipient = new LinkedHashMap<>(16, 0.75f, true);
    private long newest;

    CandidateWindow(long windowMillis, int keep) {
        this.windowMillis = windowMillis;
        this.keep = keep;
    }

    void add(long timeMillis, long recipient) {
        newest = Math.max(newest, timeMillis);
        times.addLast(timeMillis);
        lastToRecipient.put(recipient, timeMillis);
        expire(newest);
        while (times.size() > keep) {
            times.removeFirst();
        }
    }

    /** Roughly what one window holds at most, for the memory gauge. */
    static long estimatedBytes(int maxMessages) {
        return 256 + 24L * (maxMessages + 1) + 64L * (maxMessages + 1);
    }

    /** Messages in the window ending at the newest message seen. */
    long messages() {
        long start = newest - windowMillis;
        long count = 0;
        for (Long t : times) {
            if (t > start) {
                count++;
            }
        }
        return count;
    }

    /** Distinct recipients written to in the window, since the sender was watched. */
    int recipients() {
        return lastToRecipient.size();
    }

    long newest() {
        return newest;
    }

    private void expire(long now) {
        long start = now - windowMillis;
        while (!times.isEmpty() && times.peekFirst() <= start) {
            times.removeFirst();
        }
        Iterator<Map.Entry<Long, Long>> oldest = lastToRecipient.entrySet().iterator();
        while (oldest.hasNext() && oldest.next().getValue() <= start) {
            oldest.remove();
        }
    }
}
