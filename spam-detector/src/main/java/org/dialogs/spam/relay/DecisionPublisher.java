package org.dialogs.spam.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dialogs.schemas.SpamAction;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.Topics;
import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.spam.decide.FlagStore;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a flag's FLAGGED or LIFTED decision on the decision topic, keyed by sender, and waits for Kafka's ack.
 * The decision id is derived from the flag and the action, so a decision published again has the same id.
 */
@Component
class DecisionPublisher {

    private final KafkaTemplate<String, SpamDecision> kafka;
    private final Duration ackTimeout;

    DecisionPublisher(KafkaTemplate<String, SpamDecision> kafka, SpamDetectorProperties properties) {
        this.kafka = kafka;
        this.ackTimeout = properties.decisions().publishTimeout();
    }

    void flagged(FlagStore.Flag flag) throws InterruptedException, ExecutionException, TimeoutException {
        send(SpamDecision.newBuilder().setDecisionId(decisionId(flag, SpamAction.FLAGGED))
                .setSenderId(flag.senderId()).setAction(SpamAction.FLAGGED).setRule(flag.rule())
                .setObserved(flag.observed()).setWindowSeconds(flag.windowSeconds()).setDecidedAt(flag.flaggedAt())
                .setDecidedBy("spam-detector").build());
    }

    void lifted(FlagStore.Flag flag) throws InterruptedException, ExecutionException, TimeoutException {
        send(SpamDecision.newBuilder().setDecisionId(decisionId(flag, SpamAction.LIFTED))
                .setSenderId(flag.senderId()).setAction(SpamAction.LIFTED).setDecidedAt(flag.liftedAt())
                .setDecidedBy(flag.liftedBy()).build());
    }

    static UUID decisionId(FlagStore.Flag flag, SpamAction action) {
        return UUID.nameUUIDFromBytes(("sender-flag " + flag.id() + " " + action).getBytes(StandardCharsets.UTF_8));
    }

    private void send(SpamDecision decision) throws InterruptedException, ExecutionException, TimeoutException {
        kafka.send(Topics.SPAM_DECISION, Topics.senderKey(decision.getSenderId()), decision)
                .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
