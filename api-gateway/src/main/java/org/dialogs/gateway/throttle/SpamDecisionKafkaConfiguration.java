package org.dialogs.gateway.throttle;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dialogs.schemas.SpamDecision;
import org.dialogs.schemas.SpamDecisionDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The consumer of spam decisions, apart from everything else of the gateway's Kafka set-up: every instance reads
 * the whole topic from its beginning, and a record it cannot decode is logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
class SpamDecisionKafkaConfiguration {

    static final String CONTAINER_FACTORY = "spamDecisionContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(SpamDecisionKafkaConfiguration.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, SpamDecision> spamDecisionContainerFactory(
            KafkaProperties kafka, ThrottleMetrics metrics) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        // Each instance needs every sender's latest decision, so it cannot share partitions with the others: a
        // group of its own, new at each start and with no offsets, reads the whole topic from the beginning.
        // A group (rather than assigned partitions) also waits for the topic to be created and follows
        // partitions added later. Nothing is ever committed, so a stopped instance leaves no offsets behind.
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "api-gateway-spam-decisions-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the topic must be created compacted (LocalStack, or operations); never by a reader with broker defaults
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, SpamDecision> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config, StringDeserializer::new,
                () -> new ErrorHandlingDeserializer<>(new SpamDecisionDeserializer())));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.setCommonErrorHandler(skipUnreadable(metrics));
        return factory;
    }

    /** No retries (decoding again gives the same result) and no commit after skipping either. */
    private static DefaultErrorHandler skipUnreadable(ThrottleMetrics metrics) {
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            log.warn("skipping spam decision {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), reason(exception));
            metrics.skipped();
        }, new FixedBackOff(0, 0));
        handler.setAckAfterHandle(false);
        return handler;
    }

    private static String reason(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SerializationException) {
                return cause.getMessage();
            }
        }
        return String.valueOf(NestedExceptionUtils.getMostSpecificCause(exception));
    }
}
