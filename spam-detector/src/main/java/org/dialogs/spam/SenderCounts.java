package org.dialogs.spam;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Messages counted per sender since start. The windowed, bounded-memory detector replaces this later. */
@Component
class SenderCounts {

    /** One sender's count. */
    record SenderCount(long senderId, long messages) {
    }

    private final Map<Long, LongAdder> counts = new ConcurrentHashMap<>();

    SenderCounts(MeterRegistry registry) {
        registry.gauge("dialogs.spam.tracked.senders", counts, Map::size);
    }

    void record(long senderId) {
        counts.computeIfAbsent(senderId, id -> new LongAdder()).increment();
    }

    /** The {@code limit} senders with the most messages, most first. */
    List<SenderCount> top(int limit) {
        return counts.entrySet().stream()
                .map(e -> new SenderCount(e.getKey(), e.getValue().sum()))
                .sorted(Comparator.comparingLong(SenderCount::messages).reversed())
                .limit(limit)
                .toList();
    }
}
