package org.dialogs.schemas;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads send-message records in the {@link ConfluentWireFormat}. The writer schema comes from the registry and is
 * resolved against the newest shipped send-message schema by Avro's rules; both the schema and the verdict are
 * cached per id (a registered id never changes its schema). An id the registry does not know is asked again next
 * time.
 */
final class ConfluentRecordReader {

    /** The reader for one schema id, or why records with that id cannot be read. */
    private record Resolution(SpecificDatumReader<SendMessage> reader, String refusal) {
    }

    private static final int HEADER = ConfluentWireFormat.HEADER_LENGTH;
    private static final Schema READER_SCHEMA = SendMessage.getClassSchema();

    private final WriterSchemas registry;
    private final Map<Integer, Resolution> resolved = new ConcurrentHashMap<>();

    ConfluentRecordReader(WriterSchemas registry) {
        this.registry = registry;
    }

    SendMessage read(byte[] data) {
        int id = ConfluentWireFormat.schemaId(data);
        Resolution resolution = resolved.get(id);
        if (resolution == null) {
            resolution = resolve(id, registry.byId(id));
            resolved.put(id, resolution);
        }
        if (resolution.refusal() != null) {
            throw new SerializationException(resolution.refusal());
        }
        return decode(id, resolution.reader(), data);
    }

    private static Resolution resolve(int id, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility check =
                SchemaCompatibility.checkReaderWriterCompatibility(READER_SCHEMA, writer);
        if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return new Resolution(null, "schema id " + id + " cannot be read as a send-message event by Avro's "
                    + "resolution rules: " + check.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList());
        }
        return new Resolution(new SpecificDatumReader<>(writer, READER_SCHEMA,
                SpecificData.getForClass(SendMessage.class)), null);
    }

    private static SendMessage decode(int id, SpecificDatumReader<SendMessage> reader, byte[] data) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER, data.length - HEADER,
                null);
        SendMessage event;
        try {
            event = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("corrupt send-message body of " + (data.length - HEADER)
                    + " bytes after the Confluent header (schema id " + id + "): " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                int rest = decoder.inputStream().available();
                throw new SerializationException(rest + " bytes after the end of the send-message body of "
                        + (data.length - HEADER - rest) + " bytes (schema id " + id + ")");
            }
        } catch (IOException e) {
            throw new SerializationException("cannot read the end of a send-message body: " + e, e);
        }
        return event;
    }
}
