package org.dialogs.spam.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.dialogs.schemas.ConfluentWireFormat;
import org.dialogs.schemas.SchemaRegistryUnavailableException;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageDecoder;
import org.dialogs.schemas.SendMessageRules;
import org.dialogs.schemas.UnknownSchemaIdException;
import org.dialogs.spam.SendMessages;
import org.junit.jupiter.api.Test;

class RecordAdmissionTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration SKEW = SendMessageRules.DEFAULT_MAX_CLOCK_SKEW;

    /** A registry that knows schema id 1 as the shipped send-message schema. */
    private static final SendMessageDecoder DECODER = new SendMessageDecoder(id -> {
        if (id != 1) {
            throw new UnknownSchemaIdException("schema id " + id + " is not registered");
        }
        return SendMessage.getClassSchema();
    });

    private final RecordAdmission admission = new RecordAdmission(DECODER, Clock.fixed(NOW, ZoneOffset.UTC), SKEW);
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

    @Test
    void judge_aConfluentRecordOfAKnownSchema_isCountedAtItsSendTime() {
        var singleObject = records.record(7, 8, NOW.minusSeconds(30), NOW);
        SendMessage event = DECODER.decode(singleObject.value());

        var verdict = admission.judge(records.raw("7", ConfluentWireFormat.encode(1, event), NOW));

        assertThat(verdict.counted()).isTrue();
        assertThat(verdict.countAt()).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void judge_aConfluentRecordOfAnUnknownSchemaId_isRefusedAsUndecodable() {
        SendMessage event = DECODER.decode(records.record(7, 8, NOW, NOW).value());

        var verdict = admission.judge(records.raw("7", ConfluentWireFormat.encode(4, event), NOW));

        assertThat(verdict.refusal()).isEqualTo(RecordAdmission.Refusal.UNDECODABLE);
        assertThat(verdict.problem()).isEqualTo("schema id 4 is not registered");
    }

    @Test
    void judge_aConfluentRecordWhileTheRegistryIsDown_isNoVerdict() {
        RecordAdmission down = new RecordAdmission(new SendMessageDecoder(id -> {
            throw new SchemaRegistryUnavailableException("schema registry unreachable", null);
        }), Clock.fixed(NOW, ZoneOffset.UTC), SKEW);
        SendMessage event = DECODER.decode(records.record(7, 8, NOW, NOW).value());

        assertThatThrownBy(() -> down.judge(records.raw("7", ConfluentWireFormat.encode(1, event), NOW)))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
    }
}
