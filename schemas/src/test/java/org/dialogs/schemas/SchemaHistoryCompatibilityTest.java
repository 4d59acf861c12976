package org.dialogs.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class SchemaHistoryCompatibilityTest {

    private static final List<String> EVENTS = List.of("send-message", "spam-decision");

    @Test
    void everyVersion_readsDataWrittenByEveryOlderOne() throws IOException {
        for (String event : EVENTS) {
            List<Schema> versions = SchemaHistory.of(event).versions();
            for (int reader = 0; reader < versions.size(); reader++) {
                for (int writer = 0; writer <= reader; writer++) {
                    assertCompatible(event, versions.get(reader), reader + 1, versions.get(writer), writer + 1);
                }
            }
        }
    }

    @Test
    void generatedClass_followsTheNewestShippedVersion() {
        assertNewest(SendMessage.getClassSchema(), "send-message");
        assertNewest(SpamDecision.getClassSchema(), "spam-decision");
    }

    private static void assertNewest(Schema generated, String event) {
        List<Schema> versions = SchemaHistory.of(event).versions();
        assertThat(SchemaNormalization.parsingFingerprint64(generated)).as(event)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(versions.get(versions.size() - 1)));
    }

    @Test
    void check_rejectsAReaderThatRequiresAFieldOlderDataLacks() {
        Schema writer = SchemaHistory.of("send-message").versions().get(0);
        Schema reader = SchemaBuilder.record("SendMessage").namespace("org.dialogs.schemas").fields()
                .requiredLong("sender_id").requiredString("channel").endRecord();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static void assertCompatible(String event, Schema reader, int readerVersion, Schema writer, int writerVersion)
            throws IOException {
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType())
                .as("%s v%d reads v%d", event, readerVersion, writerVersion)
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        GenericRecord written = sample(writer);
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes(writer, written), null));
        for (Schema.Field field : writer.getFields()) {
            if (reader.getField(field.name()) != null) {
                assertThat(String.valueOf(read.get(field.name())))
                        .as("%s v%d reads field %s of v%d", event, readerVersion, field.name(), writerVersion)
                        .isEqualTo(String.valueOf(written.get(field.name())));
            }
        }
    }

    private static GenericRecord sample(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.name(), sampleValue(field.schema(), field.name()));
        }
        return record;
    }

    private static Object sampleValue(Schema schema, String name) {
        return switch (schema.getType()) {
            case STRING -> "uuid".equals(schema.getProp("logicalType")) ? SendMessages.id().toString() : name + "-value";
            case LONG -> 42L;
            case INT -> 7;
            case BOOLEAN -> true;
            case UNION -> sampleValue(schema.getTypes().get(schema.getTypes().size() - 1), name);
            case NULL -> null;
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case DOUBLE -> 1.5;
            default -> throw new IllegalArgumentException("add a sample for " + schema.getType());
        };
    }

    private static byte[] bytes(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
