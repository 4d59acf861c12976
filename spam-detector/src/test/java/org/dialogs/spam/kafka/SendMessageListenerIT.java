package org.dialogs.spam.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dialogs.spam.DecisionStage;
import org.dialogs.spam.MutableClock;
import org.dialogs.spam.SendMessages;
import org.dialogs.spam.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The listener with the real decision stage on a real PostgreSQL, fed batches as spring-kafka hands them over
 * (again, after a failure), on a clock the test sets.
 */
class SendMessageListenerIT {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static TestDatabase database;

    private final MutableClock clock = new MutableClock(NOW, ZoneOffset.UTC);
    private final SendMessages records = new SendMessages(0);
    private AnnotationConfigApplicationContext context;
    private SendMessageListener listener;
    private MeterRegistry registry;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void start() {
        database.clear();
        context = DecisionStage.start(database, clock, c -> c.registerBean(SendMessageListener.class));
        listener = context.getBean(SendMessageListener.class);
        registry = context.getBean(MeterRegistry.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void onBatch_databaseDownWhenASenderCrossesALimit_theRetriedBatchStoresTheFlag_countingEachRecordOnce() {
        List<ConsumerRecord<String, byte[]>> batch = flood(7, 150, NOW.minusSeconds(2), 10);
        database.stop();
        try {
            assertThatThrownBy(() -> listener.onBatch(batch)).as("the batch fails, so it is retried").isNotNull();
        } finally {
            database.restart();
        }

        listener.onBatch(batch);
        listener.onBatch(batch);

        assertThat(database.count("SELECT count(*) FROM sender_flags WHERE sender_id = 7")).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM isolation_jobs WHERE sender_id = 7")).isEqualTo(1);
        assertThat(registry.get("dialogs.spam.events").counter().count()).as("records counted").isEqualTo(150);
    }

    @Test
    void onBatch_threeEventsDatedAYearAhead_thenAFloodOf300In1500ms_theFlooderIsFlagged() {
        Instant yearAhead = NOW.plus(Duration.ofDays(365));
        List<ConsumerRecord<String, byte[]>> ahead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ahead.add(records.record(5, 6, yearAhead.plusSeconds(10L * i), NOW));
        }
        listener.onBatch(ahead);

        clock.advance(Duration.ofSeconds(2));
        listener.onBatch(flood(7, 300, NOW.plusMillis(500), 5));

        assertThat(database.count("SELECT count(*) FROM sender_flags WHERE sender_id = 7")).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM sender_flags WHERE sender_id = 5")).isZero();
        assertThat(refused("invalid")).isEqualTo(3);
    }

    @Test
    void onBatch_eventsAYearAheadOfTheClockWithBrokerTimesAsFarAhead_areRefused_andAFloodIsStillFlagged() {
        Instant yearAhead = NOW.plus(Duration.ofDays(365));
        List<ConsumerRecord<String, byte[]>> ahead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ahead.add(records.record(5, 6, yearAhead.plusSeconds(10L * i), yearAhead.plusSeconds(10L * i)));
        }
        listener.onBatch(ahead);

        clock.advance(Duration.ofSeconds(2));
        listener.onBatch(flood(7, 300, NOW.plusMillis(500), 5));

        assertThat(database.count("SELECT count(*) FROM sender_flags WHERE sender_id = 7")).isEqualTo(1);
        assertThat(refused("ahead-of-clock")).isEqualTo(3);
    }

    @Test
    void onBatch_threeEventsDatedJustWithinTheSkewAhead_areCountedAtArrival_andAFloodIsStillFlagged() {
        Instant justWithin = NOW.plus(DecisionStage.defaults().counting().maxClockSkew()).minusSeconds(30);
        List<ConsumerRecord<String, byte[]>> ahead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ahead.add(records.record(5, 6, justWithin.plusSeconds(10L * i), NOW));
        }
        listener.onBatch(ahead);

        clock.advance(Duration.ofSeconds(2));
        listener.onBatch(flood(7, 300, NOW.plusMillis(500), 5));

        assertThat(database.count("SELECT count(*) FROM sender_flags WHERE sender_id = 7")).isEqualTo(1);
        assertThat(registry.get("dialogs.spam.events").counter().count()).isEqualTo(303);
    }

    @Test
    void onBatch_aTombstoneAmongEvents_isCountedAsRefused_andTheEventsAreCounted() {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(flood(7, 5, NOW.minusSeconds(1), 10));
        batch.add(records.raw("7", null, NOW));
        batch.addAll(flood(7, 5, NOW.minusMillis(500), 10));

        listener.onBatch(batch);

        assertThat(refused("tombstone")).isEqualTo(1);
        assertThat(registry.get("dialogs.spam.events").counter().count()).isEqualTo(10);
    }

    /** {@code count} messages of {@code sender}, {@code everyMillis} apart from {@code from}, each at the broker then. */
    private List<ConsumerRecord<String, byte[]>> flood(long sender, int count, Instant from, long everyMillis) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = from.plusMillis(i * everyMillis);
            batch.add(records.record(sender, sender + 1, at, at));
        }
        return batch;
    }

    private double refused(String reason) {
        return registry.get("dialogs.spam.records.refused").tag("reason", reason).counter().count();
    }
}
