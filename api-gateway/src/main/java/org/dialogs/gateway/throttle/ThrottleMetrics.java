package org.dialogs.gateway.throttle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.dialogs.schemas.SpamAction;
import org.springframework.stereotype.Component;

/** What the throttle reports: how many senders it limits now, and the spam decisions read, by outcome. */
@Component
class ThrottleMetrics {

    private static final String DECISIONS = "dialogs.gateway.spam.decisions";

    private final Counter flagged;
    private final Counter lifted;
    private final Counter skipped;

    ThrottleMetrics(MeterRegistry registry, SenderThrottle throttle) {
        Gauge.builder("dialogs.gateway.throttled.senders", throttle, SenderThrottle::flaggedCount)
                .description("senders flagged by the spam-detector and not lifted: limited by this gateway")
                .register(registry);
        flagged = decisions(registry, "flagged");
        lifted = decisions(registry, "lifted");
        skipped = decisions(registry, "skipped");
    }

    /** A decision applied; a tombstone counts as lifted. */
    void applied(SpamAction action) {
        (action == SpamAction.FLAGGED ? flagged : lifted).increment();
    }

    /** A record that could not be decoded or applied. */
    void skipped() {
        skipped.increment();
    }

    private static Counter decisions(MeterRegistry registry, String outcome) {
        return Counter.builder(DECISIONS).tag("outcome", outcome)
                .description("records of dialogs.spam-decision read since start, by what they did")
                .register(registry);
    }
}
