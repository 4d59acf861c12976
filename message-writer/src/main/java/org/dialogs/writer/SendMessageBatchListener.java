package org.dialogs.writer;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.schemas.SendMessageDecoder;
import org.dialogs.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Hands each poll of the send-message topic to the database as one batch, then dead-letters the records that
 * cannot be stored: those that break the contract and those the database refused. The container commits the
 * poll's offsets only after this returns, so after the database commit; any other failure (the database or the
 * schema registry is down) makes the container retry the same poll.
 */
@Component
class SendMessageBatchListener {

    private static final Logger log = LoggerFactory.getLogger(SendMessageBatchListener.class);

    private final PollStore store;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final WriterMetrics metrics;
    private final WriterHealth health;
    private final MessageWriterProperties properties;
    private final SendMessageDecoder decoder;

    SendMessageBatchListener(PollStore store, DeadLetterPublishingRecoverer deadLetters, WriterMetrics metrics,
            WriterHealth health, MessageWriterProperties properties, SendMessageDecoder decoder) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.health = health;
        this.properties = properties;
        this.decoder = decoder;
    }

    @KafkaListener(id = "message-writer", topics = Topics.SEND_MESSAGE, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        IncomingBatch batch = IncomingBatch.of(records, decoder, properties.maxClockSkew());
        long start = System.nanoTime();
        PollStore.Outcome outcome = store.store(batch.accepted());
        int valid = batch.accepted().size() - outcome.refused().size();
        metrics.batch(records.size(), valid, outcome.stored(), System.nanoTime() - start);
        metrics.splitTransactions(Math.max(0, outcome.transactions() - 1));
        health.batchCommitted();
        deadLetter(batch.rejected());
        deadLetter(outcome.refused());
    }

    private void deadLetter(List<IncomingBatch.Rejected> rejected) {
        for (IncomingBatch.Rejected r : rejected) {
            ConsumerRecord<String, byte[]> record = r.record();
            log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    r.reason().getMessage());
            deadLetters.accept(record, r.reason());
            metrics.deadLettered();
        }
    }
}
