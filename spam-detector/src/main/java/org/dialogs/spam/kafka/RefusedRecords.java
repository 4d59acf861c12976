package org.dialogs.spam.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the records the detector refuses, by reason, in {@code dialogs.spam.records.refused}, and logs one of
 * each reason at most once per {@code logEvery} with how many were refused since, so a flood of bad records cannot flood the
 * log. Used by the consumer thread alone.
 */
final class RefusedRecords {

    private static final Logger log = LoggerFactory.getLogger(RefusedRecords.class);
    private final Duration logEvery;
    private final Clock clock;
    private final Map<RecordAdmission.Refusal, Counter> counters = new EnumMap<>(RecordAdmission.Refusal.class);
    private final Map<RecordAdmission.Refusal, Instant> nextLog = new EnumMap<>(RecordAdmission.Refusal.class);
    private final Map<RecordAdmission.Refusal, Long> unlogged = new EnumMap<>(RecordAdmission.Refusal.class);

    RefusedRecords(MeterRegistry registry, Duration logEvery, Clock clock) {
        this.logEvery = logEvery;
        this.clock = clock;
        for (RecordAdmission.Refusal refusal : RecordAdmission.Refusal.values()) {
            counters.put(refusal, Counter.builder("dialogs.spam.records.refused").tag("reason", refusal.tag)
                    .description("send-message records the detector did not count").register(registry));
        }
    }

    /** Counts one refused record; logs it unless a record refused for the same reason was logged lately. */
    void refused(ConsumerRecord<?, ?> record, RecordAdmission.Verdict verdict) {
        RecordAdmission.Refusal refusal = verdict.refusal();
        counters.get(refusal).increment();
        long since = unlogged.merge(refusal, 1L, Long::sum);
        Instant now = clock.instant();
        if (now.isBefore(nextLog.getOrDefault(refusal, Instant.MIN))) {
            return;
        }
        log.warn("refused {} record(s) as {} since the last such line; e.g. {}-{}@{}: {}", since, refusal.tag,
                record.topic(), record.partition(), record.offset(), verdict.problem());
        unlogged.put(refusal, 0L);
        nextLog.put(refusal, now.plus(logEvery));
    }
}
