package org.dialogs.spam.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dialogs.spam.MutableClock;
import org.dialogs.spam.SendMessages;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusedRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final RecordAdmission.Verdict TOMBSTONE = RecordAdmission.Verdict.refused(
            RecordAdmission.Refusal.TOMBSTONE, "no value");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(NOW, ZoneOffset.UTC);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final RefusedRecords refused = new RefusedRecords(registry, LOG_EVERY, clock);
    private final SendMessages records = new SendMessages(0);

    @Test
    void refused_countsEachRecordUnderItsReason() {
        for (int i = 0; i < 3; i++) {
            refused.refused(records.raw("7", null, NOW), RecordAdmission.Verdict.refused(
                    RecordAdmission.Refusal.TOMBSTONE, "no value"));
        }
        refused.refused(records.raw("7", new byte[1], NOW), RecordAdmission.Verdict.refused(
                RecordAdmission.Refusal.UNDECODABLE, "one byte"));

        assertThat(count("tombstone")).isEqualTo(3);
        assertThat(count("undecodable")).isEqualTo(1);
        assertThat(count("invalid")).isZero();
        assertThat(count("ahead-of-clock")).isZero();
    }

    @Test
    void refused_aFloodOfBadRecords_logsOneLineAMinuteWithHowManySince() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RefusedRecords.class);
        logger.addAppender(lines);
        try {
            for (int i = 0; i < 1000; i++) {
                refused.refused(records.raw("7", null, NOW), TOMBSTONE);
            }
            clock.advance(LOG_EVERY);
            refused.refused(records.raw("7", null, NOW), TOMBSTONE);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2)
                .satisfies(l -> assertThat(l.get(0)).startsWith("refused 1 record(s) as tombstone"))
                .satisfies(l -> assertThat(l.get(1)).startsWith("refused 1000 record(s) as tombstone"));
    }

    private double count(String reason) {
        return registry.get("dialogs.spam.records.refused").tag("reason", reason).counter().count();
    }
}
