package org.dialogs.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SendMessageDecoderTest {

    private static final Schema SHIPPED = SchemaHistory.of("send-message").versions().get(0);

    /** Schemas by id, as a registry holds them; counts the questions it is asked. */
    private final Map<Integer, Schema> registered = new HashMap<>(Map.of(1, SHIPPED));
    private final AtomicInteger asked = new AtomicInteger();
    private final SendMessageDecoder decoder = new SendMessageDecoder(id -> {
        asked.incrementAndGet();
        Schema schema = registered.get(id);
        if (schema == null) {
            throw new UnknownSchemaIdException("schema id " + id + " is not registered");
        }
        return schema;
    });

    @Test
    void decode_confluentRecord_isTheEvent() {
        SendMessage event = SendMessages.valid().setText("привет 👋").setIdempotencyKey("k-1").build();

        assertThat(decoder.decode(ConfluentWireFormat.encode(1, event))).isEqualTo(event);
    }

    @Test
    void decode_singleObjectRecord_isTheEventAsBefore() {
        SendMessage event = SendMessages.valid().build();

        assertThat(decoder.decode(new SendMessageSerializer().serialize(Topics.SEND_MESSAGE, event))).isEqualTo(event);
        assertThat(asked).hasValue(0);
    }

    @Test
    void decode_manyRecordsOfOneId_asksTheRegistryOnce() {
        for (int i = 0; i < 3; i++) {
            decoder.decode(ConfluentWireFormat.encode(1, SendMessages.valid().build()));
        }

        assertThat(asked).hasValue(1);
    }

    @Test
    void decode_writerSchemaWithoutAnOptionalField_isResolvedByAvrosRules() throws IOException {
        Schema older = SchemaBuilder.record("SendMessage").namespace("org.dialogs.schemas").fields()
                .name("message_id").type(SHIPPED.getField("message_id").schema()).noDefault()
                .requiredLong("sender_id").requiredLong("recipient_id").requiredString("text")
                .name("sent_at").type(SHIPPED.getField("sent_at").schema()).noDefault()
                .endRecord();
        registered.put(7, older);
        SendMessage event = SendMessages.valid().build();
        GenericRecord record = new GenericData.Record(older);
        record.put("message_id", event.getMessageId().toString());
        record.put("sender_id", event.getSenderId());
        record.put("recipient_id", event.getRecipientId());
        record.put("text", event.getText());
        record.put("sent_at", event.getSentAt().toEpochMilli());

        SendMessage read = decoder.decode(frame(7, older, record));

        assertThat(read).isEqualTo(event);
        assertThat(read.getIdempotencyKey()).isNull();
    }

    @Test
    void decode_writerSchemaTheShippedOneCannotRead_isSerializationErrorNamingTheField() throws IOException {
        Schema other = SchemaBuilder.record("SendMessage").namespace("org.dialogs.schemas").fields()
                .requiredLong("sender_id").requiredString("channel").endRecord();
        registered.put(9, other);
        GenericRecord record = new GenericData.Record(other);
        record.put("sender_id", 1L);
        record.put("channel", "x");

        assertThatThrownBy(() -> decoder.decode(frame(9, other, record)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 9 cannot be read as a send-message event")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void decode_unknownId_isSerializationError_andIsAskedAgainNextTime() {
        byte[] bytes = ConfluentWireFormat.encode(5, SendMessages.valid().build());

        assertThatThrownBy(() -> decoder.decode(bytes))
                .isInstanceOf(SerializationException.class).hasMessage("schema id 5 is not registered");
        registered.put(5, SHIPPED);
        assertThat(decoder.decode(bytes)).isNotNull();
    }

    @Test
    void decode_registryUnavailable_isNoSerializationError() {
        SendMessageDecoder down = new SendMessageDecoder(id -> {
            throw new SchemaRegistryUnavailableException("registry unreachable", null);
        });

        assertThatThrownBy(() -> down.decode(ConfluentWireFormat.encode(1, SendMessages.valid().build())))
                .isExactlyInstanceOf(SchemaRegistryUnavailableException.class);
    }

    @Test
    void decode_trailingBytesAfterTheConfluentBody_isSerializationErrorCountingThem() {
        byte[] bytes = ConfluentWireFormat.encode(1, SendMessages.valid().build());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> decoder.decode(longer))
                .isInstanceOf(SerializationException.class)
                .hasMessage("3 bytes after the end of the send-message body of " + (bytes.length - 5)
                        + " bytes (schema id 1)");
    }

    @Test
    void decode_truncatedConfluentBody_isSerializationError() {
        byte[] bytes = ConfluentWireFormat.encode(1, SendMessages.valid().setText("a longer text").build());

        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(bytes, 12)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("corrupt send-message body");
    }

    @Test
    void decode_confluentRecordWithoutRegistry_isSerializationErrorNamingTheSetting() {
        byte[] bytes = ConfluentWireFormat.encode(1, SendMessages.valid().build());

        assertThatThrownBy(() -> SendMessageDecoder.withoutRegistry().decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dialogs.schema-registry.url");
    }

    @Test
    void decode_null_isNull() {
        assertThat(decoder.decode(null)).isNull();
    }

    private static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
