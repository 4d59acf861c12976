package org.dialogs.spam.kafka;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageDecoder;
import org.dialogs.schemas.Topics;
import org.dialogs.spam.SpamDetectorProperties;
import org.dialogs.spam.decide.FloodDetector;
import org.dialogs.spam.decide.SpamDecisions;
import org.dialogs.spam.detect.RuleBreach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds every admitted send-message event to the detector, in the detector's own consumer group, and stores the
 * decisions a batch raised before the batch counts as handled: if that fails the batch fails, and the error
 * handler retries it. A record is counted in the windows once, even when its batch is retried or read again after
 * an assignment (which reads back the last windows so the counts are whole again); a breach stays pending until
 * its decision is stored. A schema registry that cannot be asked fails the batch too, from the record it could
 * not read.
 */
@Component
class SendMessageListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(SendMessageListener.class);

    private final FloodDetector detector;
    private final SpamDecisions decisions;
    private final RecordAdmission admission;
    private final RefusedRecords refused;
    private final Clock clock;
    private final long rebuildMillis;
    private final Map<TopicPartition, Long> counted = new ConcurrentHashMap<>();
    private final Map<Long, RuleBreach> unstored = new LinkedHashMap<>();
    private final Counter events;

    SendMessageListener(FloodDetector detector, SpamDecisions decisions, Clock clock,
            SpamDetectorProperties properties, MeterRegistry registry, SendMessageDecoder decoder) {
        this.detector = detector;
        this.decisions = decisions;
        this.admission = new RecordAdmission(decoder, clock, properties.counting().maxClockSkew());
        this.refused = new RefusedRecords(registry, properties.counting().refusedLogEvery(), clock);
        this.clock = clock;
        this.rebuildMillis = properties.rules().window().toMillis() * (2 + properties.counting().lateWindows());
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
    synchronized void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            countOnce(record);
        }
        if (!unstored.isEmpty()) {
            decisions.flag(List.copyOf(unstored.values()));
            unstored.clear();
        }
    }

    private void countOnce(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long before = counted.get(partition);
        if (before != null && record.offset() <= before) {
            return;
        }
        // judged before it counts as seen: a registry outage fails the batch, and the retry must judge it again
        RecordAdmission.Verdict verdict = admission.judge(record);
        counted.put(partition, record.offset());
        if (!verdict.counted()) {
            refused.refused(record, verdict);
            return;
        }
        events.increment();
        SendMessage event = verdict.event();
        detector.record(event.getSenderId(), event.getRecipientId(), verdict.countAt())
                .ifPresent(breach -> unstored.putIfAbsent(breach.senderId(), breach));
    }
}
