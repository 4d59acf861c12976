package org.dialogs.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SendMessageDeserializerTest {

    private final SendMessageSerializer serializer = new SendMessageSerializer();
    private final SendMessageDeserializer deserializer = new SendMessageDeserializer();

    @Test
    void deserialize_serializedEvent_isEqual() {
        SendMessage event = SendMessages.valid().setText("привет, как дела? 👋").setIdempotencyKey("k-1").build();

        SendMessage read = deserializer.deserialize(Topics.SEND_MESSAGE, serializer.serialize(Topics.SEND_MESSAGE, event));

        assertThat(read).isEqualTo(event);
        assertThat(read.getSentAt()).isEqualTo(event.getSentAt());
    }

    @Test
    void deserialize_startsWithSingleObjectMarker() {
        byte[] bytes = serializer.serialize(Topics.SEND_MESSAGE, SendMessages.valid().build());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void deserialize_garbage_isSerializationErrorSayingSo() {
        byte[] garbage = "{\"text\":\"not avro\"}".getBytes();

        assertThatThrownBy(() -> deserializer.deserialize(Topics.SEND_MESSAGE, garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not Avro single-object encoding");
    }

    @Test
    void deserialize_unknownFingerprint_isSerializationErrorNamingIt() {
        Schema other = SchemaBuilder.record("SendMessage").namespace("org.dialogs.schemas").fields()
                .requiredLong("sender_id").requiredString("extra").endRecord();
        GenericRecord record = new GenericData.Record(other);
        record.put("sender_id", 1L);
        record.put("extra", "x");

        byte[] bytes = encode(other, record);

        assertThatThrownBy(() -> deserializer.deserialize(Topics.SEND_MESSAGE, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void deserialize_truncatedBody_isSerializationError() {
        byte[] bytes = serializer.serialize(Topics.SEND_MESSAGE, SendMessages.valid().setText("a longer text").build());
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);

        assertThatThrownBy(() -> deserializer.deserialize(Topics.SEND_MESSAGE, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("corrupt send-message body");
    }

    @Test
    void deserialize_trailingBytesAfterTheBody_isSerializationErrorCountingThem() {
        byte[] bytes = serializer.serialize(Topics.SEND_MESSAGE, SendMessages.valid().build());
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> deserializer.deserialize(Topics.SEND_MESSAGE, longer))
                .isInstanceOf(SerializationException.class)
                .hasMessage("3 bytes after the end of the send-message body of " + bytes.length + " bytes");
    }

    @Test
    void deserialize_null_isNull() {
        assertThat(deserializer.deserialize(Topics.SEND_MESSAGE, null)).isNull();
    }

    private static byte[] encode(Schema schema, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            return buffer.array();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
