package org.dialogs.spam.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.dialogs.spam.DecisionStage;
import org.dialogs.spam.TestDatabase;
import org.dialogs.spam.detect.DetectionRules;
import org.dialogs.spam.detect.RuleBreach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.transaction.event.TransactionalEventListener;

/** The decision stage on a real PostgreSQL, which some tests stop in the middle as an outage would. */
class SpamDecisionsIT {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static TestDatabase database;

    private AnnotationConfigApplicationContext context;
    private SpamDecisions decisions;
    private FloodDetector detector;
    private StoredEvents stored;

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
        context = DecisionStage.start(database, Clock.fixed(NOW, ZoneOffset.UTC),
                c -> c.registerBean(StoredEvents.class));
        decisions = context.getBean(SpamDecisions.class);
        detector = context.getBean(FloodDetector.class);
        stored = context.getBean(StoredEvents.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void flag_whileTheDatabaseIsDown_throws_storesNothing_andTheSenderIsStillReported() {
        RuleBreach breach = floodUntilBreach(7);
        database.stop();
        try {
            assertThatThrownBy(() -> decisions.flag(List.of(breach))).isNotNull();
            assertThat(detector.record(7, 8, NOW)).as("reported again, the flag not being stored").isPresent();
        } finally {
            database.restart();
        }
        assertThat(stored.afterCommit).hasValue(0);

        assertThat(decisions.flag(List.of(breach))).containsExactly(breach);

        assertThat(database.count("SELECT count(*) FROM sender_flags WHERE sender_id = 7 AND NOT flag_announced"))
                .isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM isolation_jobs WHERE sender_id = 7 AND state = 'requested'"))
                .isEqualTo(1);
        assertThat(stored.afterCommit).hasValue(1);
        assertThat(detector.record(7, 8, NOW)).as("marked flagged once stored").isEmpty();
    }

    @Test
    void flag_theSameBreachTwice_makesOneFlagAndOneJob() {
        RuleBreach breach = floodUntilBreach(7);

        assertThat(decisions.flag(List.of(breach))).hasSize(1);
        detector.unflag(7);
        assertThat(decisions.flag(List.of(breach))).isEmpty();

        assertThat(database.count("SELECT count(*) FROM sender_flags")).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM isolation_jobs")).isEqualTo(1);
        assertThat(stored.afterCommit).hasValue(1);
    }

    @Test
    void lift_endsTheFlag_andTheSenderCanBeFlaggedAgain() {
        decisions.flag(List.of(floodUntilBreach(7)));

        assertThat(decisions.lift(7, "operator")).hasValueSatisfying(f -> assertThat(f.liftedBy()).isEqualTo("operator"));

        assertThat(decisions.lift(7, "operator")).isEmpty();
        assertThat(stored.afterCommit).hasValue(2);
        assertThat(database.count("SELECT count(*) FROM sender_flags WHERE lifted_at IS NULL")).isZero();
        assertThat(decisions.flag(List.of(floodUntilBreach(7)))).hasSize(1);
    }

    private RuleBreach floodUntilBreach(long sender) {
        for (int i = 0; i < 1000; i++) {
            var breach = detector.record(sender, sender + 1, NOW.minusMillis(1000 - i));
            if (breach.isPresent()) {
                assertThat(breach.get().rule()).isEqualTo(DetectionRules.MESSAGES_RULE);
                return breach.get();
            }
        }
        throw new AssertionError("no breach");
    }

    /** Counts the {@link DecisionsStored} events delivered after a commit, as the relay receives them. */
    static class StoredEvents {
        final AtomicInteger afterCommit = new AtomicInteger();

        @TransactionalEventListener
        void on(DecisionsStored event) {
            afterCommit.incrementAndGet();
        }
    }
}
