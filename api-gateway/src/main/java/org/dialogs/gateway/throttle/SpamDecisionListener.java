package org.dialogs.gateway.throttle;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.schemas.SpamAction;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies each spam decision, in the order of its partition, to the throttle: the latest decision per sender
 * wins, and a tombstone (the sender's decisions compacted away) counts as lifted.
 */
@Component
class SpamDecisionListener {

    private static final Logger log = LoggerFactory.getLogger(SpamDecisionListener.class);

    private final SenderThrottle throttle;
    private final ThrottleMetrics metrics;

    SpamDecisionListener(SenderThrottle throttle, ThrottleMetrics metrics) {
        this.throttle = throttle;
        this.metrics = metrics;
    }

    // the group id comes from the container factory, one per instance: the listener id must not replace it
    @KafkaListener(id = "spam-decisions", idIsGroup = false, topics = Topics.SPAM_DECISION,
            containerFactory = SpamDecisionKafkaConfiguration.CONTAINER_FACTORY)
    void onDecision(ConsumerRecord<String, SpamDecision> record) {
        SpamDecision decision = record.value();
        if (decision == null) {
            tombstone(record);
            return;
        }
        long sender = decision.getSenderId();
        switch (decision.getAction()) {
            case FLAGGED -> throttle.flag(sender);
            case LIFTED -> throttle.lift(sender);
        }
        metrics.applied(decision.getAction());
        log.info("sender {} {} by {} at {}{}", sender, decision.getAction(), decision.getDecidedBy(),
                decision.getDecidedAt(), decision.getRule() == null ? "" : " (rule " + decision.getRule() + ")");
    }

    private void tombstone(ConsumerRecord<String, SpamDecision> record) {
        try {
            throttle.lift(Long.parseLong(record.key()));
            metrics.applied(SpamAction.LIFTED);
        } catch (NumberFormatException e) {
            metrics.skipped();
            log.warn("skipping spam decision tombstone {}-{}@{}: key '{}' is not a sender id", record.topic(),
                    record.partition(), record.offset(), record.key());
        }
    }
}
