package org.dialogs.schemas;

import java.io.IOException;

import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads {@link SpamDecision} events written with any shipped schema version; says why when it cannot. */
public class SpamDecisionDeserializer implements Deserializer<SpamDecision> {

    private static final BinaryMessageDecoder<SpamDecision> DECODER;

    static {
        AvroClassTrust.trust(SpamDecision.class);
        AvroClassTrust.trust(SpamAction.class);
        DECODER = SpamDecision.createDecoder(SchemaHistory.of("spam-decision").store());
    }

    @Override
    public SpamDecision deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return DECODER.decode(data);
        } catch (MissingSchemaException e) {
            throw new SerializationException("unknown spam-decision schema fingerprint (" + e.getMessage() + ")", e);
        } catch (BadHeaderException e) {
            throw new SerializationException("not Avro single-object encoding: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("corrupt spam-decision body of " + data.length + " bytes: " + e, e);
        }
    }
}
