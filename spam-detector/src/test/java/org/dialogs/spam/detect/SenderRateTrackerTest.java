package org.dialogs.spam.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SenderRateTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    private static final DetectionRules RULES = new DetectionRules(Duration.ofSeconds(10), 100, 20, 10);

    private final SenderRateTracker tracker = new SenderRateTracker(RULES, 1 << 20, 1, 1_000);

    @Test
    void record_aFloodOf20PerSecond_breachesWithinHalfASecondOfCrossing() {
        List<RuleBreach> breaches = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            recordAndMarkFlagged(7, 8, T0.plusMillis(i * 50L)).ifPresent(breaches::add);
        }

        assertThat(breaches).hasSize(1);
        assertThat(breaches.get(0).rule()).isEqualTo(DetectionRules.MESSAGES_RULE);
        // watched from its 10th message on, so the exact window sees the 101st-since-watched message
        assertThat(breaches.get(0).observed()).isEqualTo(101);
        assertThat(breaches.get(0).crossedAt()).isBetween(T0.plusMillis(100 * 50L), T0.plusMillis(110 * 50L));
    }

    @Test
    void record_exactly100PerWindowForAMinute_neverBreaches() {
        for (int i = 0; i < 600; i++) {
            assertThat(tracker.record(7, 8 + i % 3, T0.plusMillis(i * 100L))).as("message %d", i).isEmpty();
        }
        assertThat(tracker.candidates(10)).extracting(SenderRateTracker.Candidate::messages).containsExactly(100L);
        assertThat(tracker.candidates(10)).extracting(SenderRateTracker.Candidate::recipients).containsExactly(3);
    }

    @Test
    void record_21DistinctRecipientsIn10Seconds_breachesTheRecipientRule() {
        Optional<RuleBreach> last = Optional.empty();
        for (int i = 0; i < 40 && last.isEmpty(); i++) {
            last = tracker.record(7, 1000 + i, T0.plusMillis(i * 200L));
        }

        assertThat(last).hasValueSatisfying(b -> {
            assertThat(b.rule()).isEqualTo(DetectionRules.RECIPIENTS_RULE);
            assertThat(b.observed()).isEqualTo(21);
        });
    }

    @Test
    void record_aBacklogReplayedFast_countsInEventTime_andBreachesNothing() {
        // an hour of one message every 2 s, processed at once: what matters is when they were sent
        for (int i = 0; i < 1800; i++) {
            assertThat(tracker.record(7, 8, T0.plusSeconds(2L * i))).isEmpty();
        }
    }

    @Test
    void record_afterABreachMarkedFlagged_flagsNoMoreUntilUnflagged() {
        int breaches = 0;
        for (int i = 0; i < 300; i++) {
            breaches += recordAndMarkFlagged(7, 8, T0.plusMillis(i * 10L)).isPresent() ? 1 : 0;
        }
        tracker.unflag(7);
        for (int i = 300; i < 600; i++) {
            breaches += recordAndMarkFlagged(7, 8, T0.plusMillis(i * 10L)).isPresent() ? 1 : 0;
        }

        assertThat(breaches).isEqualTo(2);
    }

    @Test
    void record_aBreachNotMarkedFlagged_isReportedAgainByTheNextMessage() {
        Optional<RuleBreach> first = Optional.empty();
        int i = 0;
        while (first.isEmpty()) {
            first = tracker.record(7, 8, T0.plusMillis(i++ * 10L));
        }

        // the decision was not stored (the database failed): the sender is still over the limit and reported
        assertThat(tracker.record(7, 8, T0.plusMillis(i++ * 10L))).hasValueSatisfying(b -> {
            assertThat(b.senderId()).isEqualTo(7);
            assertThat(b.rule()).isEqualTo(DetectionRules.MESSAGES_RULE);
        });
        tracker.markFlagged(7);
        assertThat(tracker.record(7, 8, T0.plusMillis(i * 10L))).isEmpty();
    }

    @Test
    void record_aMillionSendersWritingOnce_watchesNoneAndKeepsItsMemory() {
        long before = tracker.stateBytes();
        for (int i = 0; i < 1_000_000; i++) {
            tracker.record(i + 1, 1, T0.plusMillis(i / 100));
        }

        assertThat(tracker.watchedSenders()).isZero();
        assertThat(tracker.stateBytes()).isEqualTo(before);
    }

    @Test
    void record_markedFlaggedBeforeARestart_isNotFlaggedAgain() {
        tracker.markFlagged(7);

        for (int i = 0; i < 300; i++) {
            assertThat(tracker.record(7, 8, T0.plusMillis(i * 10L))).isEmpty();
        }
    }

    /** What the detector does: a breach, once its decision is stored, marks the sender flagged. */
    private Optional<RuleBreach> recordAndMarkFlagged(long sender, long recipient, Instant at) {
        Optional<RuleBreach> breach = tracker.record(sender, recipient, at);
        breach.ifPresent(b -> tracker.markFlagged(b.senderId()));
        return breach;
    }
}
