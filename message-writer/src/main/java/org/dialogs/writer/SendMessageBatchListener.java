package org.dialogs.writer;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Hands each poll of the send-message topic to the database as one batch, then dead-letters the records that
 * cannot be stored. The container commits the poll's offsets only after this returns, so after the database
 * commit; any failure (the database is down) makes the container retry the same poll.
 */
@Component
class SendMessageBatchListener {

    private static final Logger log = LoggerFactory.getLogger(SendMessageBatchListener.class);

    private final MessageBatchWriter writer;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final WriterMetrics metrics;
    private final WriterHealth health;

    SendMessageBatchListener(MessageBatchWriter writer, DeadLetterPublishingRecoverer deadLetters,
            WriterMetrics metrics, WriterHealth health) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.health = health;
    }

    @KafkaListener(id = "message-writer", topics = Topics.SEND_MESSAGE, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        IncomingBatch batch = IncomingBatch.of(records);
        long start = System.nanoTime();
        int stored = writer.write(batch.events());
        metrics.batch(records.size(), batch.events().size(), stored, System.nanoTime() - start);
        health.batchCommitted();
        for (IncomingBatch.Rejected rejected : batch.rejected()) {
            ConsumerRecord<String, byte[]> record = rejected.record();
            log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    rejected.reason().getMessage());
            deadLetters.accept(record, rejected.reason());
            metrics.deadLettered();
        }
        metrics.lag(consumer.assignment().stream()
                .mapToLong(partition -> consumer.currentLag(partition).orElse(0)).sum());
    }
}
