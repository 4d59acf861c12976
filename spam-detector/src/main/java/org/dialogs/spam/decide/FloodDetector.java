package org.dialogs.spam.decide;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.spam.detect.RuleBreach;
import org.dialogs.spam.detect.SenderRateTracker;
import org.springframework.stereotype.Component;

/** The one rate tracker of this detector, shared by the consumer thread and the ops endpoints. */
@Component
public class FloodDetector {

    private final SenderRateTracker tracker;

    FloodDetector(SpamDetectorProperties properties, MeterRegistry registry) {
        this.tracker = new SenderRateTracker(properties.rules().detection(), properties.counting().sketchWidth(),
                properties.counting().lateWindows(), properties.counting().maxWatchedSenders());
        Gauge.builder("dialogs.spam.tracked.senders", this, FloodDetector::watchedSenders)
                .description("senders watched exactly (near a limit)").register(registry);
        Gauge.builder("dialogs.spam.state.memory", this, FloodDetector::stateBytes).baseUnit("bytes")
                .description("memory of the sketches and exact windows").register(registry);
    }

    public synchronized Optional<RuleBreach> record(long sender, long recipient, Instant sentAt) {
        return tracker.record(sender, recipient, sentAt);
    }

    public synchronized void markFlagged(long sender) {
        tracker.markFlagged(sender);
    }

    public synchronized void unflag(long sender) {
        tracker.unflag(sender);
    }

    public synchronized List<SenderRateTracker.Candidate> heaviest(int limit) {
        return tracker.candidates(limit);
    }

    synchronized int watchedSenders() {
        return tracker.watchedSenders();
    }

    synchronized long stateBytes() {
        return tracker.stateBytes();
    }
}
