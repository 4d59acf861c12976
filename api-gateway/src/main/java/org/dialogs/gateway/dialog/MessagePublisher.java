package org.dialogs.gateway.dialog;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dialogs.gateway.ApiGatewayProperties;
import org.dialogs.gateway.http.ApiException;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageRules;
import org.dialogs.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes send-message events keyed by sender and returns only once Kafka acknowledged them (acks=all,
 * idempotent producer), or fails within the configured timeout. With the checks made at the edge by the same rules,
 * it never publishes a record the writer or the detector would refuse.
 */
@Component
class MessagePublisher {

    private static final Logger log = LoggerFactory.getLogger(MessagePublisher.class);

    private final KafkaTemplate<String, SendMessage> kafka;
    private final ApiGatewayProperties properties;
    private final Clock clock;

    MessagePublisher(KafkaTemplate<String, SendMessage> kafka, ApiGatewayProperties properties, Clock clock) {
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    void publish(SendMessage event) {
        String key = Topics.senderKey(event.getSenderId());
        // the text, the idempotency key and the ids were checked by the same rules at the edge; what is left of
        // them is the time a retried keyed send carries, its first send's
        List<String> problems = SendMessageRules.sentAtViolations(event.getSentAt(), clock.instant(),
                SendMessageRules.DEFAULT_MAX_CLOCK_SKEW);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        try {
            kafka.send(Topics.SEND_MESSAGE, key, event)
                    .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(event, e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException
                | org.springframework.kafka.KafkaException e) {
            throw unavailable(event, e);
        }
    }

    private static ApiException unavailable(SendMessage event, Exception cause) {
        log.warn("Kafka did not acknowledge message {} from {}: {}", event.getMessageId(), event.getSenderId(),
                cause.toString());
        return ApiException.unavailable("the message could not be queued right now; retry with the same "
                + "Idempotency-Key to be sure it is stored once");
    }
}
