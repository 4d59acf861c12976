package org.dialogs.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads a send-message record in either encoding a producer may use: Avro single-object encoding ({@code C3 01},
 * an 8-byte schema fingerprint, the body), as the gateway writes it, or the Confluent wire format ({@code 00}, a
 * 4-byte schema id from a schema registry, the body), as Confluent's serializers write it. A bad record raises a
 * {@link SerializationException} saying why; a registry that cannot be asked raises
 * {@link SchemaRegistryUnavailableException}, which is no reason to refuse the record.
 */
public final class SendMessageDecoder {

    private static final SendMessageDeserializer SINGLE_OBJECT = new SendMessageDeserializer();

    private final ConfluentRecordReader confluent;

    /** A decoder that resolves Confluent schema ids through {@code registry}. */
    public SendMessageDecoder(WriterSchemas registry) {
        this.confluent = new ConfluentRecordReader(registry);
    }

    /** A decoder with no schema registry: it refuses Confluent-framed records, saying that none is configured. */
    public static SendMessageDecoder withoutRegistry() {
        return new SendMessageDecoder(id -> {
            throw new UnknownSchemaIdException("a Confluent-framed record (schema id " + id + "), but this service "
                    + "has no schema registry configured (dialogs.schema-registry.url)");
        });
    }

    /** The event in {@code data}; {@code null} for a record without a value. */
    public SendMessage decode(byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == ConfluentWireFormat.MAGIC) {
            return confluent.read(data);
        }
        return SINGLE_OBJECT.deserialize(null, data);
    }
}
