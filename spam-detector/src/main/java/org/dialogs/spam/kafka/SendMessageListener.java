package org.dialogs.spam.kafka;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageDeserializer;
import org.dialogs.schemas.Topics;
import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.spam.decide.FloodDetector;
import org.dialogs.spam.decide.SpamDecisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds every send-message event to the detector, in the detector's own consumer group. When it is given
 * partitions (at start, or after a rebalance) it reads back the last windows of each, so the detector's counts
 * are whole again; a record this process already counted is not counted twice, and a decision already made is
 * not made again (the flags are durable).
 */
@Component
class SendMessageListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(SendMessageListener.class);
    private static final SendMessageDeserializer DESERIALIZER = new SendMessageDeserializer();

    private final FloodDetector detector;
    private final SpamDecisions decisions;
    private final Clock clock;
    private final long rebuildMillis;
    private final Map<TopicPartition, Long> counted = new ConcurrentHashMap<>();
    private final Counter events;

    SendMessageListener(FloodDetector detector, SpamDecisions decisions, Clock clock,
            SpamDetectorProperties properties, MeterRegistry registry) {
        this.detector = detector;
        this.decisions = decisions;
        this.clock = clock;
        this.rebuildMillis = properties.window().toMillis() * (2 + properties.lateWindows());
        this.events = Counter.builder("dialogs.spam.events").description("send-message events counted")
                .register(registry);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        long from = clock.millis() - rebuildMillis;
        log.info("reading back {} s of {} to rebuild the windows", rebuildMillis / 1000, assignments.keySet());
        callback.seekToTimestamp(assignments.keySet(), from);
    }

    @KafkaListener(id = "spam-detector", topics = Topics.SEND_MESSAGE, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            Long before = counted.get(partition);
            if (before != null && record.offset() <= before) {
                continue;
            }
            counted.put(partition, record.offset());
            SendMessage event;
            try {
                event = DESERIALIZER.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                // the writer dead-letters such records; the detector only skips them
                log.debug("skipping undecodable record {}@{}: {}", partition, record.offset(), e.getMessage());
                continue;
            }
            events.increment();
            detector.record(event.getSenderId(), event.getRecipientId(), event.getSentAt())
                    .ifPresent(decisions::onBreach);
        }
    }
}
