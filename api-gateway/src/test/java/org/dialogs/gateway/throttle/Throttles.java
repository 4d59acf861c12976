package org.dialogs.gateway.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.gateway.ApiGatewayProperties;
import org.dialogs.schemas.SpamAction;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.Topics;
import org.springframework.util.unit.DataSize;

/** Test data: throttles with given limits, and spam decisions as the listener receives them. */
final class Throttles {

    private static long offset;

    private Throttles() {
    }

    static SenderThrottle throttle(int messagesPerMinute, int burst, Clock clock) {
        // the bucket all gateways share is PostgreSQL's (SenderThrottleIT, MultiInstanceIT): here, this gateway's own
        return throttle(messagesPerMinute, burst, clock, (sender, perSecond, capacity) -> true);
    }

    /** A throttle whose shared bucket answers as {@code shared} says (what other gateways took, in a test). */
    static SenderThrottle throttle(int messagesPerMinute, int burst, Clock clock, SenderThrottle.SharedLimit shared) {
        ApiGatewayProperties properties = new ApiGatewayProperties("", Duration.ofHours(1), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(10), "message-writer",
                DataSize.ofKilobytes(64), new ApiGatewayProperties.Throttle(messagesPerMinute, burst));
        return new SenderThrottle(properties, shared, clock);
    }

    static ConsumerRecord<String, SpamDecision> decision(long sender, SpamAction action) {
        SpamDecision decision = SpamDecision.newBuilder().setDecisionId(UUID.randomUUID()).setSenderId(sender)
                .setAction(action).setRule(action == SpamAction.FLAGGED ? "messages-per-window" : null)
                .setDecidedAt(Instant.parse("2026-11-24T12:00:00Z"))
                .setDecidedBy(action == SpamAction.FLAGGED ? "spam-detector" : "operator@example.org").build();
        return new ConsumerRecord<>(Topics.SPAM_DECISION, 0, offset++, Topics.senderKey(sender), decision);
    }

    static ConsumerRecord<String, SpamDecision> tombstone(long sender) {
        return new ConsumerRecord<>(Topics.SPAM_DECISION, 0, offset++, Topics.senderKey(sender), null);
    }
}
