package org.dialogs.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The longest pause in a sorted series of instants. */
final class Gaps {

    private Gaps() {
    }

    static Duration longest(List<Instant> sorted) {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < sorted.size(); i++) {
            Duration gap = Duration.between(sorted.get(i - 1), sorted.get(i));
            if (gap.compareTo(longest) > 0) {
                longest = gap;
            }
        }
        return longest;
    }
}
