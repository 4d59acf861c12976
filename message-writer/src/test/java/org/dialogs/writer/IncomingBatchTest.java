package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.dialogs.schemas.ConfluentWireFormat;
import org.dialogs.schemas.SchemaRegistryUnavailableException;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageDecoder;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.UnknownSchemaIdException;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.Test;

class IncomingBatchTest {

    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Instant BROKER_TIME = Instant.parse("2026-11-24T12:00:00Z");

    /** A registry that knows schema id 1 as the shipped send-message schema. */
    private static final SendMessageDecoder DECODER = new SendMessageDecoder(id -> {
        if (id != 1) {
            throw new UnknownSchemaIdException("schema id " + id + " is not registered");
        }
        return SendMessage.getClassSchema();
    });

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

        IncomingBatch batch = IncomingBatch.of(List.of(record(first), garbage, invalid, empty, record(last)), DECODER, SKEW);

        assertThat(batch.events()).containsExactly(first, last);
        assertThat(batch.rejected()).extracting(IncomingBatch.Rejected::record).containsExactly(garbage, invalid, empty);
        assertThat(batch.rejected().get(0).reason()).isInstanceOf(SerializationException.class);
        assertThat(batch.rejected().get(1).reason()).hasMessageContaining("recipient_id must be positive, was -3");
        assertThat(batch.rejected().get(2).reason()).hasMessageContaining("no value");
    }

    @Test
    void of_keyNotTheSender_isRejected() {
        SendMessage event = SendMessages.from(5, 6, "wrong partition");

        IncomingBatch batch = IncomingBatch.of(List.of(record("6", bytes(event))), DECODER, SKEW);

        assertThat(batch.events()).isEmpty();
        assertThat(batch.rejected().get(0).reason()).hasMessage("the record key must be the sender id 5, was '6'");
    }

    @Test
    void of_sentAtBeyondTheSkewOfTheRecordsTime_isRejected_withinIt_isKept() {
        SendMessage farAhead = SendMessages.from(5, 6, "from the future");
        farAhead.setSentAt(BROKER_TIME.plus(SKEW).plusSeconds(1));
        SendMessage slightlyAhead = SendMessages.from(5, 6, "a fast clock");
        slightlyAhead.setSentAt(BROKER_TIME.plus(SKEW));

        IncomingBatch batch = IncomingBatch.of(List.of(record(farAhead), record(slightlyAhead)), DECODER, SKEW);

        assertThat(batch.events()).containsExactly(slightlyAhead);
        assertThat(batch.rejected().get(0).reason()).hasMessageStartingWith("sent_at must be at most 300 s after");
    }

    @Test
    void of_confluentRecords_areCheckedByTheSameRules_unknownIdsRejected() {
        SendMessage good = SendMessages.from(5, 6, "from a Confluent producer");
        SendMessage wrongKey = SendMessages.from(5, 6, "keyed by the recipient");
        var unknownId = record("5", ConfluentWireFormat.encode(2, SendMessages.from(5, 6, "unknown schema")));
        byte[] framed = ConfluentWireFormat.encode(1, good);
        var padded = record("5", java.util.Arrays.copyOf(framed, framed.length + 4));

        IncomingBatch batch = IncomingBatch.of(List.of(record("5", framed),
                record("6", ConfluentWireFormat.encode(1, wrongKey)), unknownId, padded), DECODER, SKEW);

        assertThat(batch.events()).containsExactly(good);
        assertThat(batch.rejected()).extracting(r -> r.reason().getMessage()).containsExactly(
                "the record key must be the sender id 5, was '6'", "schema id 2 is not registered",
                "4 bytes after the end of the send-message body of " + (framed.length - 5) + " bytes (schema id 1)");
    }

    @Test
    void of_registryUnavailable_failsTheWholePoll_rejectingNothing() {
        SendMessageDecoder down = new SendMessageDecoder(id -> {
            throw new SchemaRegistryUnavailableException("schema registry unreachable", null);
        });
        var confluent = record("5", ConfluentWireFormat.encode(1, SendMessages.from(5, 6, "waits for the registry")));

        assertThatThrownBy(() -> IncomingBatch.of(List.of(record(SendMessages.from(1, 2, "fine")), confluent), down,
                SKEW)).isInstanceOf(SchemaRegistryUnavailableException.class);
    }
}
