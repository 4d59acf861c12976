package org.dialogs.spam;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageDeserializer;
import org.dialogs.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Counts each send-message event per sender, in the detector's own consumer group. */
@Component
class SendMessageCountingListener {

    private static final Logger log = LoggerFactory.getLogger(SendMessageCountingListener.class);
    private static final SendMessageDeserializer DESERIALIZER = new SendMessageDeserializer();

    private final SenderCounts counts;

    SendMessageCountingListener(SenderCounts counts) {
        this.counts = counts;
    }

    @KafkaListener(id = "spam-detector", topics = Topics.SEND_MESSAGE, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                SendMessage event = DESERIALIZER.deserialize(record.topic(), record.value());
                counts.record(event.getSenderId());
            } catch (RuntimeException e) {
                // the writer dead-letters such records; the detector only skips them
                log.debug("skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
    }
}
