package org.dialogs.spam.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.dialogs.schemas.SendMessageRules;
import org.dialogs.spam.SendMessages;
import org.junit.jupiter.api.Test;

class RecordAdmissionTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration SKEW = SendMessageRules.DEFAULT_MAX_CLOCK_SKEW;

    private final RecordAdmission admission = new RecordAdmission(Clock.fixed(NOW, ZoneOffset.UTC), SKEW);
    private final SendMessages records = new SendMessages(0);

    @Test
    void judge_anEventSentBeforeItReachedTheBroker_isCountedAtItsSendTime() {
        var verdict = admission.judge(records.record(7, 8, NOW.minusSeconds(30), NOW.minusSeconds(29)));

        assertThat(verdict.counted()).isTrue();
        assertThat(verdict.countAt()).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void judge_anEventDatedAYearAheadOfTheBrokerTime_isRefusedAsInvalid() {
        var verdict = admission.judge(records.record(7, 8, NOW.plus(Duration.ofDays(365)), NOW));

        assertThat(verdict.counted()).isFalse();
        assertThat(verdict.refusal()).isEqualTo(RecordAdmission.Refusal.INVALID);
        assertThat(verdict.problem()).contains("sent_at");
    }

    @Test
    void judge_aYearAheadOfTheClockWithABrokerTimeAsFarAhead_isRefusedAsAheadOfTheClock() {
        Instant yearAhead = NOW.plus(Duration.ofDays(365));

        var verdict = admission.judge(records.record(7, 8, yearAhead, yearAhead));

        assertThat(verdict.refusal()).isEqualTo(RecordAdmission.Refusal.AHEAD_OF_CLOCK);
    }

    @Test
    void judge_anEventAheadOfTheClockWithinTheSkew_isCountedAtArrival() {
        var verdict = admission.judge(records.record(7, 8, NOW.plus(SKEW), NOW.plus(SKEW)));

        assertThat(verdict.counted()).isTrue();
        assertThat(verdict.countAt()).isEqualTo(NOW);
    }

    @Test
    void judge_aKeyThatIsNotTheSender_isRefusedAsInvalid() {
        var record = records.record(7, 8, NOW, NOW);
        var rekeyed = records.raw("8", record.value(), NOW);

        assertThat(admission.judge(rekeyed).refusal()).isEqualTo(RecordAdmission.Refusal.INVALID);
    }

    @Test
    void judge_aTombstone_isRefusedNotThrown() {
        var verdict = admission.judge(records.raw("7", null, NOW));

        assertThat(verdict.refusal()).isEqualTo(RecordAdmission.Refusal.TOMBSTONE);
    }

    @Test
    void judge_bytesThatAreNotAnEvent_areRefusedAsUndecodable() {
        var verdict = admission.judge(records.raw("7", "not avro".getBytes(StandardCharsets.UTF_8), NOW));

        assertThat(verdict.refusal()).isEqualTo(RecordAdmission.Refusal.UNDECODABLE);
    }
}
