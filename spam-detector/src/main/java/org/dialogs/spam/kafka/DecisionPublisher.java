package org.dialogs.spam.kafka;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dialogs.schemas.SpamAction;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.Topics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes FLAGGED and LIFTED decisions on the decision topic, keyed by sender, and waits for Kafka's ack. */
@Component
public class DecisionPublisher {

    private static final long ACK_TIMEOUT_SECONDS = 5;

    private final KafkaTemplate<String, SpamDecision> kafka;

    DecisionPublisher(KafkaTemplate<String, SpamDecision> kafka) {
        this.kafka = kafka;
    }

    public void flagged(long sender, String rule, long observed, int windowSeconds, Instant at)
            throws InterruptedException, ExecutionException, TimeoutException {
        send(SpamDecision.newBuilder().setDecisionId(UUID.randomUUID()).setSenderId(sender)
                .setAction(SpamAction.FLAGGED).setRule(rule).setObserved(observed).setWindowSeconds(windowSeconds)
                .setDecidedAt(at).setDecidedBy("spam-detector").build());
    }

    public void lifted(long sender, String by, Instant at)
            throws InterruptedException, ExecutionException, TimeoutException {
        send(SpamDecision.newBuilder().setDecisionId(UUID.randomUUID()).setSenderId(sender)
                .setAction(SpamAction.LIFTED).setDecidedAt(at).setDecidedBy(by).build());
    }

    private void send(SpamDecision decision) throws InterruptedException, ExecutionException, TimeoutException {
        kafka.send(Topics.SPAM_DECISION, Topics.senderKey(decision.getSenderId()), decision)
                .get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
