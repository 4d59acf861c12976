package org.dialogs.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.dialogs.schemas.SendMessage;
import org.dialogs.schemas.SendMessageSerializer;
import org.dialogs.schemas.Topics;
import org.junit.jupiter.api.Test;

class IncomingBatchTest {

    private static long offset;

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.SEND_MESSAGE, 0, offset++, "1", value);
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
        var garbage = record("garbage".getBytes());
        var invalid = record(bytes(negative));
        var empty = record(null);

        IncomingBatch batch = IncomingBatch.of(List.of(record(bytes(first)), garbage, invalid, empty,
                record(bytes(last))));

        assertThat(batch.events()).containsExactly(first, last);
        assertThat(batch.rejected()).extracting(IncomingBatch.Rejected::record).containsExactly(garbage, invalid, empty);
        assertThat(batch.rejected().get(0).reason()).isInstanceOf(SerializationException.class);
        assertThat(batch.rejected().get(1).reason()).hasMessageContaining("recipient_id must be positive, was -3");
        assertThat(batch.rejected().get(2).reason()).hasMessageContaining("no value");
    }
}
