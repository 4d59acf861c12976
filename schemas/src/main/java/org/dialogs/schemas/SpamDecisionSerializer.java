package org.dialogs.schemas;

import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes {@link SpamDecision} events in Avro single-object encoding. */
public class SpamDecisionSerializer implements Serializer<SpamDecision> {

    @Override
    public byte[] serialize(String topic, SpamDecision decision) {
        if (decision == null) {
            return null;
        }
        try {
            return SpamDecision.getEncoder().encode(decision).array();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode spam decision " + decision.getDecisionId(), e);
        }
    }
}
