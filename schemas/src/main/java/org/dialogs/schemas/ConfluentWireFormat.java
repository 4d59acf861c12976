package org.dialogs.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format of a send-message record: byte {@code 00}, the writer schema's registry id as a
 * 4-byte big-endian integer, then the Avro binary body (no fingerprint, no length).
 */
public final class ConfluentWireFormat {

    /** The first byte of every Confluent-framed record. */
    public static final byte MAGIC = 0;

    /** The magic byte and the schema id. */
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** The record of {@code event} written with the newest shipped schema, registered under {@code schemaId}. */
    public static byte[] encode(int schemaId, SendMessage event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<>(SendMessage.class).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The schema id in the header of {@code record}, which must start with {@link #MAGIC}. */
    public static int schemaId(byte[] record) {
        if (record.length < HEADER_LENGTH || record[0] != MAGIC) {
            throw new SerializationException("not the Confluent wire format: it needs 5 header bytes, 00 and a "
                    + "schema id; the record has " + record.length + (record.length > 0 ? " starting with "
                    + String.format("%02X", record[0]) : ""));
        }
        return ByteBuffer.wrap(record, 1, 4).getInt();
    }
}
