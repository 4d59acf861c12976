package org.dialogs.writer;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.dialogs.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/** Dead-letter publishing for records that cannot be stored, and endless retries for everything else. */
@Configuration(proxyBeanMethods = false)
class KafkaWriterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaWriterConfiguration.class);

    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<Object, Object> template) {
        return new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.SEND_MESSAGE_DEAD_LETTER, -1));
    }

    /**
     * A batch that fails as a whole failed for a reason outside the records (the database is down): retry it,
     * backing off, until it succeeds. Records are never dead-lettered here.
     */
    @Bean
    DefaultErrorHandler batchErrorHandler(MessageWriterProperties properties, WriterHealth health,
            WriterMetrics metrics) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryBackoffInitial().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryBackoffMax().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            throw new IllegalStateException("an endless back-off ended", exception);
        }, backOff);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                log.warn("Storing the record at {}-{}@{} failed (attempt {}), retrying it: {}", record.topic(),
                        record.partition(), record.offset(), deliveryAttempt, WriterHealth.rootCause(ex).toString());
                metrics.batchFailed();
                health.batchFailed(ex, Map.of(record.topic() + "-" + record.partition(), record.offset()));
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                Map<String, Long> heldAt = new TreeMap<>();
                records.partitions().forEach(p -> heldAt.put(p.toString(), records.records(p).get(0).offset()));
                log.warn("Storing a poll of {} records failed (attempt {}), retrying it from {}: {}", records.count(),
                        deliveryAttempt, heldAt, WriterHealth.rootCause(ex).toString());
                metrics.batchFailed();
                health.batchFailed(ex, heldAt);
            }
        });
        return handler;
    }
}
