package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.Test;

class IncomingBatchTest {

    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Instant BROKER_TIME = Instant.parse("2026-11-24T12:00:00Z");

    private static long offset;

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(Topics.SEND_MESSAGE, 0, offset++, BROKER_TIME.toEpochMilli(),
                TimestampType.LOG_APPEND_TIME, -1, -1, key, value, new RecordHeaders(), Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> record(SendMessage event) {
        return record(Topics.senderKey(event.getSenderId()), bytes(event));
    }

    private static byte[] bytes(SendMessage event) {
        return new SendMessageSerializer().serialize(Topics.SEND_MESSAGE, event);
    }

    @Test
    void of_poisonInTheMiddle_keepsEveryValidEventInOrderAndRejectsTheRest() {
        SendMessage first = SendMessages.from(1, 2, "first");
        SendMessage last = SendMessages.from(2, 1, "last");
        SendMessage negative = SendMessages.from(1, 2, "x");
        negative.setRecipientId(-3L);
        var garbage = record("1", "garbage".getBytes());
        var invalid = record(negative);
        var empty = record("1", null);

        IncomingBatch batch = IncomingBatch.of(List.of(record(first), garbage, invalid, empty, record(last)), SKEW);

        assertThat(batch.events()).containsExactly(first, last);
        assertThat(batch.rejected()).extracting(IncomingBatch.Rejected::record).containsExactly(garbage, invalid, empty);
        assertThat(batch.rejected().get(0).reason()).isInstanceOf(SerializationException.class);
        assertThat(batch.rejected().get(1).reason()).hasMessageContaining("recipient_id must be positive, was -3");
        assertThat(batch.rejected().get(2).reason()).hasMessageContaining("no value");
    }

    @Test
    void of_keyNotTheSender_isRejected() {
        SendMessage event = SendMessages.from(5, 6, "wrong partition");

        IncomingBatch batch = IncomingBatch.of(List.of(record("6", bytes(event))), SKEW);

        assertThat(batch.events()).isEmpty();
        assertThat(batch.rejected().get(0).reason()).hasMessage("the record key must be the sender id 5, was '6'");
    }

    @Test
    void of_sentAtBeyondTheSkewOfTheRecordsTime_isRejected_withinIt_isKept() {
        SendMessage farAhead = SendMessages.from(5, 6, "from the future");
        farAhead.setSentAt(BROKER_TIME.plus(SKEW).plusSeconds(1));
        SendMessage slightlyAhead = SendMessages.from(5, 6, "a fast clock");
        slightlyAhead.setSentAt(BROKER_TIME.plus(SKEW));

        IncomingBatch batch = IncomingBatch.of(List.of(record(farAhead), record(slightlyAhead)), SKEW);

        assertThat(batch.events()).containsExactly(slightlyAhead);
        assertThat(batch.rejected().get(0).reason()).hasMessageStartingWith("sent_at must be at most 300 s after");
    }
}
